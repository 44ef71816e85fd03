package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spans Jaeger holds for one trace, with the questions the checks ask of them.
 *
 * @param traceId the trace's id, 32 hex digits
 * @param spans the spans Jaeger holds for it, in no particular order; none when it holds none
 */
public record JaegerTrace(String traceId, List<JaegerSpan> spans) {

  /** The one span of {@code service} of {@code kind} whose CHILD_OF parent is {@code parent}. */
  JaegerSpan child(JaegerSpan parent, Service service, String kind) {
    List<JaegerSpan> children = children(parent, service, kind);
    assertThat(children)
        .as("%s %s child of %s in %s", service.serviceName, kind, parent, spans)
        .hasSize(1);
    return children.get(0);
  }

  /** All spans of {@code service} of {@code kind} whose CHILD_OF parent is {@code parent}. */
  List<JaegerSpan> children(JaegerSpan parent, Service service, String kind) {
    return spans.stream()
        .filter(span -> parent.spanId().equals(span.parentSpanId()))
        .filter(span -> span.service().equals(service.serviceName) && span.kind().equals(kind))
        .toList();
  }

  /** The gateway's SERVER span: where the trace entered the system. */
  JaegerSpan entry() {
    List<JaegerSpan> entries =
        spans.stream()
            .filter(span -> span.service().equals(Service.GATEWAY.serviceName))
            .filter(span -> span.kind().equals("server"))
            .toList();
    assertThat(entries).as("gateway SERVER spans in %s", spans).hasSize(1);
    return entries.get(0);
  }

  /**
   * From the first span's start to the last span's end, as tail sampling's latency policy sees it.
   */
  Duration duration() {
    long start = spans.stream().mapToLong(JaegerSpan::startMicros).min().orElse(0);
    long end =
        spans.stream()
            .mapToLong(span -> span.startMicros() + span.durationMicros())
            .max()
            .orElse(0);
    return Duration.ofNanos((end - start) * 1000);
  }

  Set<String> spanIds() {
    return spans.stream().map(JaegerSpan::spanId).collect(Collectors.toSet());
  }

  boolean touches(Service service) {
    return spans.stream().anyMatch(span -> span.service().equals(service.serviceName));
  }
}
