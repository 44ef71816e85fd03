package dev.traced.telemetry.javalin;

/**
 * What a service does with the trace context ({@code traceparent}, {@code tracestate}) that a
 * caller sends: the choice a public entry point makes at a trust boundary.
 *
 * <p>Baggage is not affected: the plugin's baggage allow-list applies in both modes.
 */
public enum InboundTraceContext {

  /**
   * Continue the caller's trace: the SERVER span is a child of the caller's span, the caller's
   * sampling decision and {@code tracestate} travel on. What most users expect, and the default.
   */
  CONTINUE,

  /**
   * Start a new trace at this service, as W3C Trace Context describes for "a front gate into secure
   * networks": the SERVER span is a root with its own sampling decision, the caller's {@code
   * tracestate} is not propagated, and a span link to the caller's span (when it sent a valid one)
   * keeps the two traces connected in Jaeger.
   */
  RESTART
}
