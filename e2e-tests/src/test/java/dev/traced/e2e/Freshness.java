package dev.traced.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** How long after its response a request's whole trace can be read from Jaeger. */
final class Freshness {

  private Freshness() {}

  /**
   * Creates {@code samples} orders one after the other and, for each, polls Jaeger every 25 ms
   * from the moment the response arrived until the trace holds all its spans.
   *
   * @return milliseconds per sample
   */
  static List<Long> measure(URI gatewayUrl, JaegerQuery jaeger, int samples) throws Exception {
    Gateway gateway = new Gateway(gatewayUrl);
    String token = gateway.login("alice", "wonderland");
    // The first trace, waited for until it stops growing, says how many spans make one whole.
    int spansPerRequest = jaeger.awaitTrace(Gateway.traceIdOf(create(gateway, token))).spans().size();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      String traceId = Gateway.traceIdOf(create(gateway, token));
      long answered = System.nanoTime();
      while (jaeger.trace(traceId).spans().size() < spansPerRequest) {
        if (System.nanoTime() - answered > 30_000_000_000L) {
          throw new AssertionError("trace " + traceId + " not complete in Jaeger after 30 s");
        }
        HealthCheck.sleep(25);
      }
      millis.add((System.nanoTime() - answered) / 1_000_000);
      HealthCheck.sleep(200);
    }
    return millis;
  }

  private static java.net.http.HttpResponse<String> create(Gateway gateway, String token) throws Exception {
    return gateway.send(
        gateway
            .request("/api/orders")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"quantity\":1}")));
  }
}
