package dev.traced.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Jaeger's own query API (the one its UI uses), read the way a user's tooling would. */
final class JaegerQuery {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI baseUrl;

  JaegerQuery(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code GET /api/services}. */
  Set<String> services() {
    Set<String> services = new TreeSet<>();
    get("/api/services").path("data").forEach(service -> services.add(service.asText()));
    return services;
  }

  /**
   * {@code GET /api/traces/{traceId}} once the trace is complete: its gateway SERVER span is there
   * and no span has arrived for three polls in a row. Fails after 20 seconds.
   */
  JaegerTrace awaitTrace(String traceId) {
    Instant deadline = Instant.now().plusSeconds(20);
    int lastCount = -1;
    int stablePolls = 0;
    JaegerTrace trace = null;
    while (Instant.now().isBefore(deadline)) {
      trace = trace(traceId);
      boolean entered =
          trace.spans().stream()
              .anyMatch(s -> s.service().equals(Service.GATEWAY.serviceName) && s.kind().equals("server"));
      stablePolls = trace.spans().size() == lastCount ? stablePolls + 1 : 0;
      lastCount = trace.spans().size();
      if (entered && stablePolls >= 3) {
        return trace;
      }
      HealthCheck.sleep(250);
    }
    throw new AssertionError("trace " + traceId + " not complete in Jaeger: " + trace);
  }

  /** {@code GET /api/traces/{traceId}} as it is now; no spans when Jaeger has none yet. */
  JaegerTrace trace(String traceId) {
    JsonNode data = get("/api/traces/" + traceId).path("data");
    List<JaegerSpan> spans = new ArrayList<>();
    if (data.isArray() && !data.isEmpty()) {
      JsonNode trace = data.get(0);
      trace.path("spans").forEach(span -> spans.add(JaegerSpan.parse(span, trace.path("processes"))));
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
        throw new AssertionError("Jaeger " + path + " answered " + response.statusCode() + ": " + response.body());
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
