package dev.traced.kit.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler, answering in problem+json. It writes the errors that Jetty produces
 * itself, before Javalin sees a request: request line and headers over the size limit (431, or 414
 * for the request line alone), a target that is not a valid URI or climbs above the root, no {@code
 * Host}, a malformed message (400), an HTTP version other than 1.x (505). Javalin's own errors go
 * through {@link ProblemResponses}' exception handlers instead.
 *
 * <p>The {@code traceId} is that of the span current while the error is written. The telemetry
 * module's {@code TracingPlugin} starts one for every such rejection; without it the field is null.
 */
final class ProblemErrorHandler extends ErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every method gets the problem as its body; Jetty's default gives one to GET, POST, HEAD. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  /** Writes the problem whatever the {@code Accept} header asks for: it is the only format. */
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    String title = HttpStatus.forStatus(code).getMessage();
    // Jetty's own messages ("No Host", "URI Too Long") say what was wrong; the text of any other
    // exception could tell a client about the server's insides.
    boolean ownMessage = message != null && (cause == null || cause instanceof HttpException);
    Problem problem = Problem.of(Problem.ABOUT_BLANK, title, code, ownMessage ? message : title);
    if (code >= 500) {
      log.warn("request failed before routing: {} {}: {}", code, title, problem.detail(), cause);
    } else {
      log.info("request rejected before routing: {} {}: {}", code, title, problem.detail());
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE + ";charset=utf-8");
    response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(problem)), callback);
  }
}
