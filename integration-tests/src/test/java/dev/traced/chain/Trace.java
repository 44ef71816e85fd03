package dev.traced.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The spans of one trace, with the questions the tests ask of them. */
record Trace(String traceId, List<SpanData> spans) {

  /** The trace id that a W3C {@code traceresponse} header names. */
  static String idOf(String traceresponse) {
    assertThat(traceresponse).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    return traceresponse.split("-")[1];
  }

  /** The one span of {@code service} of {@code kind} whose parent is {@code parent}. */
  SpanData child(SpanData parent, String service, SpanKind kind) {
    List<SpanData> children =
        spans.stream()
            .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
            .filter(span -> span.getKind() == kind && service.equals(serviceOf(span)))
            .toList();
    assertThat(children)
        .as("%s %s child of %s in %s", service, kind, parent.getName(), spans)
        .hasSize(1);
    return children.get(0);
  }

  /** All spans of {@code service} of {@code kind} whose parent is {@code parent}. */
  List<SpanData> children(SpanData parent, String service, SpanKind kind) {
    return spans.stream()
        .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
        .filter(span -> span.getKind() == kind && service.equals(serviceOf(span)))
        .toList();
  }

  /** The SERVER span that has no parent in this trace. */
  SpanData root() {
    List<SpanData> roots =
        spans.stream().filter(span -> !span.getParentSpanContext().isValid()).toList();
    assertThat(roots).as("root spans of %s", spans).hasSize(1);
    assertThat(roots.get(0).getKind()).isEqualTo(SpanKind.SERVER);
    return roots.get(0);
  }

  /** Whether any span of {@code service} is in this trace. */
  boolean touches(String service) {
    return spans.stream().anyMatch(span -> service.equals(serviceOf(span)));
  }

  Set<String> spanIds() {
    return spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
  }

  static String serviceOf(SpanData span) {
    return span.getResource().getAttribute(io.opentelemetry.semconv.ServiceAttributes.SERVICE_NAME);
  }
}
