package dev.traced.telemetry.javalin;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksBuilder;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request brings in, decided in one place before its SERVER span starts:
 *
 * <ul>
 *   <li>the parent: the caller's span ({@link InboundTraceContext#CONTINUE}), or none, with a span
 *       link to the caller's span instead ({@link InboundTraceContext#RESTART});
 *   <li>the baggage: the caller's entries that the allow-list accepts, plus the entries this
 *       service derives from request headers.
 * </ul>
 *
 * The SERVER span, the logs and the next hop then all see the same context.
 */
final class InboundContext implements SpanLinksExtractor<HttpServletRequest> {

  private static final Logger log = LoggerFactory.getLogger(InboundContext.class);

  /** Values taken from headers are short tokens; anything else is ignored, never propagated. */
  private static final Pattern HEADER_VALUE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final TextMapPropagator propagator;
  private final boolean restart;
  private final TextMapGetter<HttpServletRequest> headers;
  private final Set<String> allowList;
  private final Map<String, String> baggageFromHeaders;

  private InboundContext(
      TextMapPropagator propagator,
      InboundTraceContext traceContext,
      Set<String> allowList,
      Map<String, String> baggageFromHeaders) {
    this.propagator = propagator;
    this.restart = traceContext == InboundTraceContext.RESTART;
    // A restart reads the request as if the caller had sent no trace context, baggage aside.
    this.headers =
        restart
            ? WithoutCallerTraceContext.of(ServletHeaders.INSTANCE, propagator)
            : ServletHeaders.INSTANCE;
    this.allowList = allowList == null ? null : Set.copyOf(allowList);
    this.baggageFromHeaders = Map.copyOf(baggageFromHeaders);
  }

  /**
   * The inbound context of a service.
   *
   * @param propagator the service's propagators, which read the headers
   * @param traceContext whether the caller's trace continues or restarts here
   * @param allowList baggage keys accepted from the caller; {@code null} accepts all
   * @param baggageFromHeaders request header name to the baggage key its value becomes
   */
  static InboundContext create(
      TextMapPropagator propagator,
      InboundTraceContext traceContext,
      Set<String> allowList,
      Map<String, String> baggageFromHeaders) {
    return new InboundContext(
        requireNonNull(propagator, "propagator"),
        requireNonNull(traceContext, "traceContext"),
        allowList,
        requireNonNull(baggageFromHeaders, "baggageFromHeaders"));
  }

  /** The parent context of {@code request}'s SERVER span, with the baggage this service accepts. */
  Context parentOf(HttpServletRequest request) {
    // From the root: only what the caller sent counts, never a context left on this thread.
    Context sent = propagator.extract(Context.root(), request, headers);
    if (allowList == null && baggageFromHeaders.isEmpty()) {
      return sent; // a service behind the entry point: what a trusted peer sent passes through
    }
    return sent.with(accepted(Baggage.fromContext(sent), request));
  }

  /**
   * Links a restarted SERVER span to the span the caller sent, so that the caller's trace and ours
   * stay connected (Jaeger shows the link as a reference to the other trace). Adds nothing when the
   * caller's trace continues or the caller sent no valid trace context.
   */
  @Override
  public void extract(SpanLinksBuilder links, Context parentContext, HttpServletRequest request) {
    if (!restart) {
      return;
    }
    SpanContext caller =
        Span.fromContext(propagator.extract(Context.root(), request, ServletHeaders.INSTANCE))
            .getSpanContext();
    if (caller.isValid()) {
      links.addLink(caller);
    }
  }

  private Baggage accepted(Baggage sent, HttpServletRequest request) {
    BaggageBuilder accepted = Baggage.builder();
    sent.forEach(
        (key, entry) -> {
          if (allowList == null || allowList.contains(key)) {
            accepted.put(key, entry.getValue(), entry.getMetadata());
          }
        });
    baggageFromHeaders.forEach(
        (header, key) -> {
          String value = request.getHeader(header);
          if (value == null) {
            return;
          }
          if (HEADER_VALUE.matcher(value).matches()) {
            accepted.put(key, value);
          } else {
            log.info("ignored header {}: not a short token", header);
          }
        });
    return accepted.build();
  }
}
