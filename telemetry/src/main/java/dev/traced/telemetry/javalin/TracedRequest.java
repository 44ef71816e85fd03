package dev.traced.telemetry.javalin;

import io.opentelemetry.context.Context;
import jakarta.servlet.ServletRequest;
import org.eclipse.jetty.util.Attributes;

/**
 * What the tracing keeps on a request, as its one request attribute: the context of the request's
 * SERVER span. Jetty's error handling reads it ({@link TracedRejections}), so that a failure past
 * Javalin is answered within the request's own trace.
 *
 * @param context the context of the SERVER span
 */
record TracedRequest(Context context) {

  private static final String ATTRIBUTE = TracedRequest.class.getName();

  /** Stores this record on {@code request}. */
  void attachTo(ServletRequest request) {
    request.setAttribute(ATTRIBUTE, this);
  }

  /** The record stored on {@code request} (Jetty's view of it), or {@code null}. */
  static TracedRequest of(Attributes request) {
    return request.getAttribute(ATTRIBUTE) instanceof TracedRequest traced ? traced : null;
  }
}
