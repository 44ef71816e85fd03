package dev.traced.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One span as Jaeger's query API returns it.
 *
 * @param spanId the span's id
 * @param parentSpanId the span its CHILD_OF reference points to, or {@code null} for a root
 * @param service {@code service.name} of the process that reported it
 * @param operation the span name
 * @param tags attributes, status and kind as Jaeger tags ({@code span.kind}, {@code error}, ...)
 * @param logs the span's events as Jaeger shows them: the {@code event} field of each, in order
 * @param startMicros when the span started, in microseconds since the epoch
 * @param durationMicros how long it lasted, in microseconds
 */
public record JaegerSpan(
    String spanId,
    String parentSpanId,
    String service,
    String operation,
    Map<String, String> tags,
    List<String> logs,
    long startMicros,
    long durationMicros) {

  /** Parses a span of {@code /api/traces/{id}}; {@code processes} maps process ids to nodes. */
  static JaegerSpan parse(JsonNode span, JsonNode processes) {
    String parent = null;
    for (JsonNode reference : span.path("references")) {
      if ("CHILD_OF".equals(reference.path("refType").asText())) {
        parent = reference.path("spanID").asText();
      }
    }
    Map<String, String> tags = new HashMap<>();
    for (JsonNode tag : span.path("tags")) {
      tags.put(tag.path("key").asText(), tag.path("value").asText());
    }
    List<String> logs = new ArrayList<>();
    for (JsonNode log : span.path("logs")) {
      for (JsonNode field : log.path("fields")) {
        if ("event".equals(field.path("key").asText())) {
          logs.add(field.path("value").asText());
        }
      }
    }
    String service = processes.path(span.path("processID").asText()).path("serviceName").asText();
    return new JaegerSpan(
        span.path("spanID").asText(),
        parent,
        service,
        span.path("operationName").asText(),
        tags,
        logs,
        span.path("startTime").asLong(),
        span.path("duration").asLong());
  }

  /** {@code server} or {@code client}: the span kind as Jaeger records it. */
  String kind() {
    return tags.getOrDefault("span.kind", "internal");
  }

  /** Whether Jaeger shows the span as failed (status ERROR). */
  boolean isError() {
    return "true".equals(tags.get("error"));
  }

  String tag(String key) {
    return tags.get(key);
  }

  @Override
  public String toString() {
    return service
        + " "
        + kind()
        + " '"
        + operation
        + "' "
        + spanId
        + " <- "
        + parentSpanId
        + " "
        + tags;
  }
}
