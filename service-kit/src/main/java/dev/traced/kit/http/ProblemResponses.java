package dev.traced.kit.http;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.plugin.Plugin;
import io.javalin.validation.ValidationException;
import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Javalin plugin that turns every error into an {@code application/problem+json} response with the
 * trace id, never a stack trace.
 *
 * <ul>
 *   <li>{@link HttpResponseException} (Javalin's {@code NotFoundResponse}, ...): its status and
 *       message; a {@code "type"} entry in its details becomes the problem type. A 405 also names
 *       the allowed methods, in the detail and the {@code Allow} header.
 *   <li>{@link ValidationException}: 400 with the failed checks.
 *   <li>A call to the next service that could not connect (refused, or no answer within the connect
 *       timeout): 503; that connected but timed out: 504; that failed otherwise: 502.
 *   <li>Anything else: 500, logged with its stack trace and recorded on the SERVER span.
 *   <li>Errors that Jetty answers before Javalin runs (431, 414, malformed requests): through
 *       {@link ProblemErrorHandler}, installed as Jetty's error handler.
 * </ul>
 */
public final class ProblemResponses extends Plugin<Void> {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  /** Plugin with the mapping described above. */
  public ProblemResponses() {
    super();
  }

  @Override
  public void onInitialize(JavalinState state) {
    state.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
    state.routes.exception(
        MethodNotAllowedResponse.class,
        (e, ctx) -> {
          String allowed = allowedMethods(e.getDetails());
          ctx.header("Allow", allowed);
          respond(ctx, Problem.ABOUT_BLANK, 405, ctx.method() + " is not allowed; use " + allowed);
        });
    state.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          String type = e.getDetails().getOrDefault("type", Problem.ABOUT_BLANK);
          respond(ctx, type, e.getStatus(), e.getMessage());
        });
    state.routes.exception(
        ValidationException.class, (e, ctx) -> respond(ctx, Problem.ABOUT_BLANK, 400, describe(e)));
    String unreachable = "the next service is unreachable";
    downstreamFailure(
        state, HttpTimeoutException.class, 504, "the next service did not answer in time");
    // A connect timeout is an HttpTimeoutException too, but nothing was asked yet: the next
    // service is out of reach (e.g. the old address of a stopped container drops packets).
    downstreamFailure(state, HttpConnectTimeoutException.class, 503, unreachable);
    downstreamFailure(state, ConnectException.class, 503, unreachable);
    downstreamFailure(state, IOException.class, 502, "the call to the next service failed");
    state.routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("unexpected error", e);
          recordOnServerSpan(ctx, e);
          respond(ctx, Problem.ABOUT_BLANK, 500, "an unexpected error occurred; quote the traceId");
        });
  }

  /** Writes {@code problem} as the response. */
  public static void respond(Context ctx, Problem problem) {
    ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
  }

  private static void respond(Context ctx, String type, int status, String detail) {
    String title = HttpStatus.forStatus(status).getMessage();
    Problem problem = Problem.of(type, title, status, detail);
    if (status >= 500) {
      log.warn("request failed: {} {}: {}", status, title, detail);
    } else {
      log.info("request rejected: {} {}: {}", status, title, detail);
    }
    respond(ctx, problem);
  }

  /** Answers a call to the next service that failed with {@code exceptionType}: {@code status}. */
  private static <E extends IOException> void downstreamFailure(
      JavalinState state, Class<E> exceptionType, int status, String detail) {
    state.routes.exception(
        exceptionType,
        (e, ctx) -> {
          recordOnServerSpan(ctx, e);
          // The exception's type is on the span (error.type); the client needs only what happened.
          respond(ctx, Problem.ABOUT_BLANK, status, detail);
        });
  }

  /**
   * Tells the SERVER span that the request failed with {@code e}. Javalin has caught it, so no
   * servlet filter sees it thrown; the servlet error attribute is where a filter looks for it (the
   * telemetry module's {@code TracingFilter} does, as containers and Spring fill it too).
   */
  private static void recordOnServerSpan(Context ctx, Exception e) {
    ctx.req().setAttribute(RequestDispatcher.ERROR_EXCEPTION, e);
  }

  /** Javalin names the key "Available methods" when the client accepts HTML. */
  private static String allowedMethods(Map<String, String> details) {
    return details.getOrDefault("availableMethods", details.getOrDefault("Available methods", ""));
  }

  private static String describe(ValidationException e) {
    return e.getErrors().entrySet().stream()
        .map(
            field ->
                field.getKey()
                    + ": "
                    + field.getValue().stream()
                        .map(error -> error.getMessage())
                        .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("; "));
  }
}
