package dev.traced.telemetry.javalin;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reads a request for {@link InboundTraceContext#RESTART}: every header of the configured
 * propagators except {@code baggage} looks absent, so the SERVER span gets no remote parent while
 * the caller's (allow-listed) baggage is still extracted.
 *
 * <p>The hidden headers are those the propagators name, not a fixed list: {@code traceparent} and
 * {@code tracestate} by default, and {@code b3} or {@code uber-trace-id} too when {@code
 * OTEL_PROPAGATORS} adds their propagators, so no trace format slips through the boundary.
 */
final class WithoutCallerTraceContext implements TextMapGetter<HttpServletRequest> {

  private final TextMapGetter<HttpServletRequest> headers;
  private final Set<String> hidden;

  private WithoutCallerTraceContext(TextMapGetter<HttpServletRequest> headers, Set<String> hidden) {
    this.headers = headers;
    this.hidden = hidden;
  }

  /** Hides from {@code headers} the fields of {@code propagator} other than W3C baggage's. */
  static WithoutCallerTraceContext of(
      TextMapGetter<HttpServletRequest> headers, TextMapPropagator propagator) {
    requireNonNull(headers, "headers");
    Set<String> hidden = new HashSet<>();
    propagator.fields().forEach(field -> hidden.add(field.toLowerCase(Locale.ROOT)));
    hidden.removeAll(W3CBaggagePropagator.getInstance().fields());
    return new WithoutCallerTraceContext(headers, Set.copyOf(hidden));
  }

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    return StreamSupport.stream(headers.keys(request).spliterator(), false)
        .filter(key -> !isHidden(key))
        .collect(Collectors.toList());
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    return isHidden(key) ? null : headers.get(request, key);
  }

  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    return isHidden(key) ? Collections.emptyIterator() : headers.getAll(request, key);
  }

  private boolean isHidden(String key) {
    return key != null && hidden.contains(key.toLowerCase(Locale.ROOT));
  }
}
