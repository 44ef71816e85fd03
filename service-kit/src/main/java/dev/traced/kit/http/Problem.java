package dev.traced.kit.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * An RFC 9457 problem detail, the body of every error response, with the id of the trace that a
 * user quotes when reporting it.
 *
 * @param type URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title short summary of the kind of problem
 * @param status HTTP status code
 * @param detail what went wrong with this request
 * @param traceId the W3C trace id of this request, or {@code null} when it is not traced
 */
public record Problem(String type, String title, int status, String detail, String traceId) {

  /** The media type of problem responses: {@value}. */
  public static final String CONTENT_TYPE = "application/problem+json";

  /** The {@code type} of a problem that the HTTP status describes fully: {@value}. */
  public static final String ABOUT_BLANK = "about:blank";

  /** A problem of the request being handled now, with the current trace id. */
  public static Problem of(String type, String title, int status, String detail) {
    SpanContext span = Span.current().getSpanContext();
    return new Problem(type, title, status, detail, span.isValid() ? span.getTraceId() : null);
  }
}
