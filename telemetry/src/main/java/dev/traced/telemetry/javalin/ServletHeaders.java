package dev.traced.telemetry.javalin;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Iterator;

/** Reads the propagation headers ({@code traceparent}, {@code tracestate}, {@code baggage}). */
enum ServletHeaders implements TextMapGetter<HttpServletRequest> {
  INSTANCE;

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    return Collections.list(request.getHeaderNames());
  }

  /**
   * The header {@code key} as one value: several lines are combined as RFC 9110 says (see {@link
   * CombinedHeader}), so two {@code traceparent} lines are invalid and start a new trace, and
   * several {@code tracestate} lines make one list.
   */
  @Override
  public String get(HttpServletRequest request, String key) {
    return request == null ? null : CombinedHeader.of(request, key);
  }

  /**
   * Each line of header {@code key} on its own. OpenTelemetry's W3C baggage propagator reads {@code
   * baggage} this way and applies the W3C Baggage limits across the lines.
   */
  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    return request == null ? Collections.emptyIterator() : request.getHeaders(key).asIterator();
  }
}
