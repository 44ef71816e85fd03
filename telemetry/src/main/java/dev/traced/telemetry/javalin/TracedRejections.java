package dev.traced.telemetry.javalin;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Wraps Jetty's error handler so that each request Jetty rejects before the tracing filter runs
 * (431, 414, a malformed or unsafe target) gets a SERVER span of its own, current while the error
 * is written. The problem's {@code traceId} then names a trace that Jaeger shows, with the status
 * and the log line of the rejection, like any other error.
 *
 * <p>That span starts a new trace on purpose. Jetty hands such a request over without its headers
 * (it could not read them, or cannot trust what it read), so there is no caller's {@code
 * traceparent} to continue; inventing a parent would be worse than a root that says what happened.
 *
 * <p>A request that the filter did trace, and that then failed past Javalin's own error handling,
 * is answered within its own trace instead: one request, one trace.
 */
final class TracedRejections implements Request.Handler {

  private final Instrumenter<Request, Response> instrumenter;
  private final Request.Handler errorHandler;

  TracedRejections(Instrumenter<Request, Response> instrumenter, Request.Handler errorHandler) {
    this.instrumenter = instrumenter;
    this.errorHandler = errorHandler;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    TracedRequest traced = TracedRequest.of(request);
    if (traced != null) {
      // The tracing filter saw this request and an exception escaped it: answer in that trace.
      try (Scope ignored = traced.context().makeCurrent()) {
        return errorHandler.handle(request, response, callback);
      }
    }
    Context context = instrumenter.start(Context.root(), request);
    Throwable error = null;
    try (Scope ignored = context.makeCurrent()) {
      return errorHandler.handle(request, response, callback);
    } catch (Exception | Error e) {
      error = e;
      throw e;
    } finally {
      // The status is set before the error handler writes; the write itself is not waited for.
      instrumenter.end(context, request, response, error);
    }
  }
}
