package dev.traced.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A two-span trace sent over OTLP/HTTP in two halves, each through another collector: a parent span
 * of {@value #EDGE} and its child of {@value #BACKEND}, as two services of one request would send
 * them. Only the trace as a whole says whether it failed or was slow, so a tail sampler keeps it
 * whole only if one ingester sees both halves.
 *
 * @param traceId 32 hex digits
 * @param duration from the parent's start to its end; the child takes 10 ms of it
 * @param childFailed whether the child's status is ERROR (the parent's is unset)
 */
record SplitTrace(String traceId, Duration duration, boolean childFailed) {

  static final String EDGE = "probe-edge";

  static final String BACKEND = "probe-backend";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A trace whose child span failed; it takes 20 ms. */
  static SplitTrace failedInTheBackend() {
    return new SplitTrace(randomHex(16), Duration.ofMillis(20), true);
  }

  /** A trace whose parent span takes {@code duration}; nothing failed. */
  static SplitTrace slowAtTheEdge(Duration duration) {
    return new SplitTrace(randomHex(16), duration, false);
  }

  /** Sends the child to {@code backendCollector}, then the parent to {@code edgeCollector}. */
  void send(URI edgeCollector, URI backendCollector) {
    long start = System.currentTimeMillis() * 1_000_000 - duration.toNanos();
    String parentId = randomHex(8);
    Map<String, Object> child =
        span(randomHex(8), parentId, "GET /backend", start, 10_000_000, childFailed);
    Map<String, Object> parent = span(parentId, "", "GET /edge", start, duration.toNanos(), false);
    post(backendCollector, BACKEND, child);
    post(edgeCollector, EDGE, parent);
  }

  @Override
  public String toString() {
    return (childFailed ? "failed " : "slow ") + traceId;
  }

  private Map<String, Object> span(
      String spanId, String parentId, String name, long start, long length, boolean failed) {
    return Map.of(
        "traceId",
        traceId,
        "spanId",
        spanId,
        "parentSpanId",
        parentId,
        "name",
        name,
        "kind",
        2,
        "startTimeUnixNano",
        String.valueOf(start),
        "endTimeUnixNano",
        String.valueOf(start + length),
        // OTLP's status codes: 1 OK, 2 ERROR; the default, unset, is what a server span gets.
        "status",
        failed ? Map.of("code", 2) : Map.of());
  }

  private static void post(URI collector, String service, Map<String, Object> span) {
    Map<String, Object> resource =
        Map.of(
            "attributes",
            List.of(Map.of("key", "service.name", "value", Map.of("stringValue", service))));
    Map<String, Object> request =
        Map.of(
            "resourceSpans",
            List.of(
                Map.of(
                    "resource", resource, "scopeSpans", List.of(Map.of("spans", List.of(span))))));
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(collector.resolve("/v1/traces"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "collector "
                + collector
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
    } catch (IOException e) {
      throw new AssertionError("collector unreachable at " + collector, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
