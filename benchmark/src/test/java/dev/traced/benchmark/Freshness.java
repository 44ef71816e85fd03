package dev.traced.benchmark;

import static org.awaitility.Awaitility.await;

import dev.traced.e2e.ExpectedSpans;
import dev.traced.e2e.Gateway;
import dev.traced.e2e.JaegerQuery;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How long after its response a request's whole trace can be read from Jaeger. */
final class Freshness {

  private static final String ORDER = "{\"item\":\"tea\",\"quantity\":1}";

  /** How often Jaeger is asked: the resolution of the measurement. */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

  /** A trace not whole by then is a failure of the benchmark, not a slow sample. */
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** Pause between one sample's whole trace and the next sample's request. */
  private static final Duration SPACING = Duration.ofMillis(200);

  private Freshness() {}

  /**
   * Creates {@code samples} orders one after the other and, for each, polls Jaeger every 25 ms from
   * the moment the response arrived until the trace holds all its spans.
   *
   * @return milliseconds per sample
   */
  static List<Long> measure(URI gatewayUrl, JaegerQuery jaeger, int samples) throws Exception {
    return measure(gatewayUrl, jaeger, samples, null);
  }

  /**
   * As {@link #measure(URI, JaegerQuery, int)}, each order in the demo scenario {@code scenario}
   * (none if null): an order like any other whose spans carry {@code demo.scenario}, which the
   * pipeline's tail sampler always keeps.
   */
  static List<Long> measure(URI gatewayUrl, JaegerQuery jaeger, int samples, String scenario)
      throws Exception {
    Gateway gateway = new Gateway(gatewayUrl);
    String token = gateway.login("alice", "wonderland");
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      String traceId =
          Gateway.traceIdOf(
              scenario == null
                  ? gateway.createOrder(token, ORDER)
                  : gateway.createOrderInScenario(token, ORDER, scenario));
      long answered = System.nanoTime();
      await("trace " + traceId + " whole in Jaeger")
          .atMost(DEADLINE)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(() -> ExpectedSpans.CREATED_ORDER.heldBy(jaeger.trace(traceId)));
      millis.add((System.nanoTime() - answered) / 1_000_000);
      // Pacing, not waiting for a fact: the next sample starts a moment after this one's
      // export, not in step with it.
      Thread.sleep(SPACING.toMillis());
    }
    return millis;
  }
}
