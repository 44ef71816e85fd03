package dev.traced.telemetry.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * W3C Trace Context Level 2: OpenTelemetry's propagator for {@code traceparent}, with {@code
 * tracestate} read by the Level 2 rules ({@link W3CTraceState}) instead of Level 1's.
 *
 * <p>OpenTelemetry's own propagator drops a caller's whole {@code tracestate} when one key has an
 * {@code @} where Level 1 did not allow it ({@code foo@@bar}, a tenant over 241 characters) or when
 * a key comes twice. Level 2 accepts the first and lets a receiver remove the duplicates, and the
 * official W3C suite holds implementations to that. This propagator keeps such a list and passes it
 * on; everything else, {@code traceparent} and the headers it writes, is OpenTelemetry's.
 *
 * <p>{@code TelemetrySdk} puts it in place of {@code tracecontext} in {@code OTEL_PROPAGATORS}.
 */
public final class TraceContextPropagator implements TextMapPropagator {

  private static final String TRACESTATE = "tracestate";
  private static final TextMapPropagator TRACEPARENT = W3CTraceContextPropagator.getInstance();
  private static final TraceContextPropagator INSTANCE = new TraceContextPropagator();

  private TraceContextPropagator() {}

  public static TraceContextPropagator getInstance() {
    return INSTANCE;
  }

  @Override
  public Collection<String> fields() {
    return TRACEPARENT.fields();
  }

  /** Writes {@code traceparent} and {@code tracestate} as OpenTelemetry's propagator does. */
  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    TRACEPARENT.inject(context, carrier, setter);
  }

  /**
   * The caller's span from {@code traceparent}, as OpenTelemetry reads it, with the {@code
   * tracestate} that Level 2 accepts; {@code context} itself when {@code traceparent} is missing or
   * invalid, which also discards {@code tracestate}.
   */
  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    // OpenTelemetry would parse tracestate by the older rules; it gets traceparent alone.
    Context extracted = TRACEPARENT.extract(context, carrier, new TraceparentOnly<>(getter));
    if (extracted == context) {
      return context;
    }
    TraceState traceState = W3CTraceState.parse(getter.get(carrier, TRACESTATE));
    if (traceState.isEmpty()) {
      return extracted;
    }
    SpanContext caller = Span.fromContext(extracted).getSpanContext();
    return extracted.with(
        Span.wrap(
            SpanContext.createFromRemoteParent(
                caller.getTraceId(), caller.getSpanId(), caller.getTraceFlags(), traceState)));
  }

  @Override
  public String toString() {
    return "TraceContextPropagator{W3C Trace Context Level 2}";
  }

  /** {@code getter} with {@code tracestate} hidden. */
  private record TraceparentOnly<C>(TextMapGetter<C> getter) implements TextMapGetter<C> {
    @Override
    public Iterable<String> keys(C carrier) {
      return getter.keys(carrier);
    }

    @Override
    public String get(C carrier, String key) {
      return TRACESTATE.equals(key) ? null : getter.get(carrier, key);
    }
  }
}
