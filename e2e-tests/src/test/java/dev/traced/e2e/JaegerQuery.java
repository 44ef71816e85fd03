package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Jaeger's own query API (the one its UI uses), read the way a user's tooling would. */
public final class JaegerQuery {

  /**
   * How long a request's trace may take to be whole in Jaeger: far above the services' export delay
   * and Jaeger's own batch, so only a span that never comes runs into it.
   */
  static final Duration TRACE_DEADLINE = Duration.ofSeconds(20);

  /** The same for many traces at once, each read again until it is whole. */
  static final Duration TRACES_DEADLINE = Duration.ofSeconds(60);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI baseUrl;

  /** The query API of the Jaeger at {@code baseUrl} (port 16686 by default). */
  public JaegerQuery(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code GET /api/services}. */
  Set<String> services() {
    Set<String> services = new TreeSet<>();
    get("/api/services").path("data").forEach(service -> services.add(service.asText()));
    return services;
  }

  /**
   * {@code GET /api/traces/{traceId}} once Jaeger holds every span of {@code expected}; it may hold
   * others too, which a caller that cares checks with {@link ExpectedSpans#assertExactly}. Fails
   * after {@link #TRACE_DEADLINE}, showing the trace as Jaeger last held it.
   */
  JaegerTrace awaitTrace(String traceId, ExpectedSpans expected) {
    AtomicReference<JaegerTrace> last = new AtomicReference<>();
    await("trace " + traceId + " holding " + expected)
        .atMost(TRACE_DEADLINE)
        .pollDelay(Duration.ZERO)
        .pollInterval(POLL_INTERVAL)
        .untilAsserted(
            () -> {
              last.set(trace(traceId));
              assertThat(expected.heldBy(last.get())).as("%s", last.get()).isTrue();
            });
    return last.get();
  }

  /**
   * Each of {@code traceIds} once Jaeger holds every span of {@code expected} in it, as {@link
   * #awaitTrace} does for one, with one deadline for all: {@link #TRACES_DEADLINE}.
   */
  Map<String, JaegerTrace> awaitTraces(Collection<String> traceIds, ExpectedSpans expected) {
    Map<String, JaegerTrace> whole = new ConcurrentHashMap<>();
    await(traceIds.size() + " traces holding " + expected)
        .atMost(TRACES_DEADLINE)
        .pollDelay(Duration.ZERO)
        .pollInterval(POLL_INTERVAL)
        .untilAsserted(
            () -> {
              // Only the traces not yet whole are asked for again: a span never leaves Jaeger.
              for (String traceId : traceIds) {
                if (!whole.containsKey(traceId)) {
                  JaegerTrace trace = trace(traceId);
                  if (expected.heldBy(trace)) {
                    whole.put(traceId, trace);
                  }
                }
              }
              List<String> missing =
                  traceIds.stream().filter(traceId -> !whole.containsKey(traceId)).toList();
              assertThat(missing).as("traces not yet whole in Jaeger").isEmpty();
            });
    return Map.copyOf(whole);
  }

  /** {@code GET /api/traces/{traceId}} as it is now; no spans when Jaeger has none yet. */
  public JaegerTrace trace(String traceId) {
    JsonNode data = get("/api/traces/" + traceId).path("data");
    List<JaegerSpan> spans = new ArrayList<>();
    if (data.isArray() && !data.isEmpty()) {
      JsonNode trace = data.get(0);
      trace
          .path("spans")
          .forEach(span -> spans.add(JaegerSpan.parse(span, trace.path("processes"))));
    }
    return new JaegerTrace(traceId, spans);
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      // Jaeger answers 404 for a trace it does not hold (yet).
      if (response.statusCode() == 404) {
        return JSON.createObjectNode();
      }
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "Jaeger " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("Jaeger query API unreachable at " + baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
