package dev.traced.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** How long after its response a request's whole trace can be read from Jaeger. */
final class Freshness {

  private static final String ORDER = "{\"item\":\"tea\",\"quantity\":1}";

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
    int spansPerRequest = jaeger.awaitTrace(Gateway.traceIdOf(gateway.createOrder(token, ORDER))).spans().size();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      String traceId = Gateway.traceIdOf(gateway.createOrder(token, ORDER));
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
}
