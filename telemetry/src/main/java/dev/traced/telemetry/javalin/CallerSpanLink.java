package dev.traced.telemetry.javalin;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksBuilder;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksExtractor;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Links a restarted SERVER span to the span the caller sent in its headers, so that the caller's
 * trace and ours stay connected (Jaeger shows the link as a reference to the other trace). A
 * caller that sent no valid trace context gets no link.
 */
final class CallerSpanLink implements SpanLinksExtractor<HttpServletRequest> {

  private final TextMapPropagator propagator;
  private final TextMapGetter<HttpServletRequest> headers;

  CallerSpanLink(TextMapPropagator propagator, TextMapGetter<HttpServletRequest> headers) {
    this.propagator = requireNonNull(propagator, "propagator");
    this.headers = requireNonNull(headers, "headers");
  }

  @Override
  public void extract(SpanLinksBuilder links, Context parentContext, HttpServletRequest request) {
    // From the root, not parentContext: only what the caller sent counts.
    SpanContext caller =
        Span.fromContext(propagator.extract(Context.root(), request, headers)).getSpanContext();
    if (caller.isValid()) {
      links.addLink(caller);
    }
  }
}
