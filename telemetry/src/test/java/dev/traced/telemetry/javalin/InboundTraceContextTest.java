package dev.traced.telemetry.javalin;

import static dev.traced.testing.RawHttp.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.traced.telemetry.javalin.PropagationChain.Hop;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TracingPlugin.Config#inboundTraceContext}: a caller's trace continued, or restarted with a
 * link to it, at a service with a baggage allow-list, as the gateway has.
 */
class InboundTraceContextTest {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_ID = "b7ad6b7169203331";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
  private static final String TRACESTATE = "congo=t61rcWkgMzE";

  private static PropagationChain continuing;
  private static PropagationChain restarting;

  @BeforeAll
  static void start() {
    continuing = PropagationChain.start(tracing -> tracing.baggageAllowList = Set.of("tenant"));
    restarting =
        PropagationChain.start(
            tracing -> {
              tracing.baggageAllowList = Set.of("tenant");
              tracing.inboundTraceContext = InboundTraceContext.RESTART;
            });
  }

  @AfterAll
  static void stop() {
    continuing.close();
    restarting.close();
  }

  @Test
  void continuesTheCallersTraceByDefault() throws Exception {
    assertThat(new TracingPlugin.Config().inboundTraceContext)
        .isEqualTo(InboundTraceContext.CONTINUE);

    Hop hop =
        continuing.call(
            lines("traceparent", TRACEPARENT, "tracestate", TRACESTATE, "baggage", "tenant=acme"));

    SpanData server = hop.serverSpan();
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo(PARENT_ID);
    assertThat(server.getLinks()).isEmpty();
    assertThat(hop.sent("tracestate")).hasValue(TRACESTATE);
  }

  @Test
  void restartStartsANewTraceLinkedToTheCallersSpan() throws Exception {
    Hop hop =
        restarting.call(
            lines(
                "traceparent", TRACEPARENT,
                "tracestate", TRACESTATE,
                "baggage", "tenant=acme,secret=x"));

    SpanData server = hop.serverSpan();
    assertThat(server.getTraceId()).isNotEqualTo(TRACE_ID);
    assertThat(server.getParentSpanContext().isValid()).as("a remote parent").isFalse();
    assertThat(server.getLinks()).hasSize(1);
    SpanContext linked = server.getLinks().get(0).getSpanContext();
    assertThat(linked.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(linked.getSpanId()).isEqualTo(PARENT_ID);
    assertThat(linked.isRemote()).isTrue();
    // The next hop continues our trace, not the caller's, and never sees its tracestate.
    assertThat(hop.sentTraceparent().traceId()).isEqualTo(server.getTraceId());
    assertThat(hop.sentTraceparent().parentId()).isEqualTo(hop.clientSpan().getSpanId());
    assertThat(hop.sent("tracestate")).isEmpty();
    // Baggage is handled as before: the allow-list applies.
    assertThat(hop.sent("baggage")).hasValue("tenant=acme");
  }

  @Test
  void restartMakesItsOwnSamplingDecision() throws Exception {
    Hop hop = restarting.call(lines("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-00"));

    // The caller said "not sampled"; a new root under parentbased_always_on is recorded anyway.
    SpanData server = hop.serverSpan();
    assertThat(server.getSpanContext().isSampled()).isTrue();
    assertThat(server.getLinks())
        .extracting(LinkData::getSpanContext)
        .extracting(SpanContext::getSpanId, SpanContext::isSampled)
        .containsExactly(tuple(PARENT_ID, false));
  }

  @Test
  void restartLinksNothingWithoutAValidCallerSpan() throws Exception {
    Hop invalid =
        restarting.call(lines("traceparent", "00-" + "0".repeat(32) + "-" + PARENT_ID + "-01"));
    Hop none = restarting.call(lines());

    assertThat(invalid.serverSpan().getLinks()).isEmpty();
    assertThat(none.serverSpan().getLinks()).isEmpty();
    assertThat(none.serverSpan().getParentSpanContext().isValid()).isFalse();
  }
}
