package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM under load: the services are stopped the way compose stops them, gateway first, while
 * clients keep sending requests, some of which take 1.5 seconds in the database. Requests in
 * flight complete, none fails with a server error, and every span of every answered request
 * reaches the real Jaeger.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
class GracefulShutdownE2eIT {

  private static final int CLIENTS = 6;

  /** A request sent this long before SIGTERM has surely reached the gateway. */
  private static final long IN_FLIGHT_NANOS = 200_000_000L;

  /** gateway SERVER and CLIENT, auth SERVER and CLIENT, order SERVER and its two statements. */
  private static final int SPANS_PER_REQUEST = 7;

  /** One request and how it ended: a status, or no answer at all ({@code status} 0). */
  private record Outcome(long sentAt, long endedAt, int status, String traceId) {}

  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean(true);

  /** When each slow client sent the request it is waiting for, by client number. */
  private final Map<Integer, Long> slowSentAt = new ConcurrentHashMap<>();

  @Test
  void sigtermUnderLoadCompletesInFlightRequestsAndExportsTheirSpans() throws Exception {
    long sigtermAt;
    JaegerQuery jaeger;
    try (LocalProcesses system = LocalProcesses.withJaegerBinary("e2e-graceful-shutdown")) {
      jaeger = new JaegerQuery(system.jaegerQueryUrl());
      Gateway gateway = new Gateway(system.gatewayUrl());
      String token = gateway.login("alice", "wonderland");
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          int client = i;
          running.add(clients.submit(() -> sendUntilStopped(gateway, token, client)));
        }
        HealthCheck.sleep(2500);
        awaitSlowRequestsInFlight();
        sigtermAt = System.nanoTime();
        // SIGTERM to each service in turn, waiting for it to exit: what `docker compose stop`
        // does in dependency order. Jaeger keeps running.
        system.stopServices();
        sending.set(false);
        for (Future<?> client : running) {
          client.get();
        }
      } finally {
        clients.shutdownNow();
      }

      List<Outcome> all = List.copyOf(outcomes);
      List<Outcome> inFlight =
          all.stream()
              .filter(o -> o.sentAt() < sigtermAt - IN_FLIGHT_NANOS && o.endedAt() > sigtermAt)
              .toList();
      assertThat(inFlight).as("requests in flight at SIGTERM").hasSizeGreaterThanOrEqualTo(2);
      assertThat(all)
          .filteredOn(o -> o.sentAt() < sigtermAt - IN_FLIGHT_NANOS)
          .as("requests sent before SIGTERM")
          .allSatisfy(o -> assertThat(o.status()).isBetween(200, 299));
      // After SIGTERM a new request is refused (no answer, or 503 while draining), never failed.
      assertThat(all).allSatisfy(o -> assertThat(o.status()).isIn(0, 200, 201, 503));

      List<Outcome> answered = all.stream().filter(o -> o.status() / 100 == 2).toList();
      HealthCheck.sleep(1000); // Jaeger stores what the SDKs flushed at exit asynchronously
      for (Outcome outcome : answered) {
        assertThat(jaeger.trace(outcome.traceId()).spans())
            .as("spans in Jaeger of trace %s", outcome.traceId())
            .hasSize(SPANS_PER_REQUEST);
      }
    }
  }

  /**
   * Waits for a moment when at least two slow requests have been on their way for a while and
   * have a second or so to go, so that SIGTERM surely finds them in flight.
   */
  private void awaitSlowRequestsInFlight() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime();
      long settled =
          slowSentAt.values().stream()
              .filter(sentAt -> now - sentAt > IN_FLIGHT_NANOS && now - sentAt < 700_000_000L)
              .count();
      if (settled >= 2) {
        return;
      }
      HealthCheck.sleep(10);
    }
    throw new AssertionError("no two slow requests in flight at once within 10 s");
  }

  /**
   * Client number {@code client}: even ones send slow lists (1.5 s in the database), odd ones
   * create orders, until told to stop.
   */
  private Void sendUntilStopped(Gateway gateway, String token, int client) throws Exception {
    boolean slow = client % 2 == 0;
    while (sending.get()) {
      long sentAt = System.nanoTime();
      if (slow) {
        slowSentAt.put(client, sentAt);
      }
      try {
        HttpResponse<String> response =
            slow
                ? gateway.send(
                    gateway
                        .request("/api/orders")
                        .header("Authorization", "Bearer " + token)
                        .header("Demo-Scenario", "slow-database")
                        .GET())
                : gateway.createOrder(token, "{\"item\":\"drain\",\"quantity\":1}");
        String traceId =
            response.statusCode() / 100 == 2 ? Gateway.traceIdOf(response) : null;
        outcomes.add(new Outcome(sentAt, System.nanoTime(), response.statusCode(), traceId));
      } catch (IOException e) {
        outcomes.add(new Outcome(sentAt, System.nanoTime(), 0, null));
        HealthCheck.sleep(50);
      } finally {
        slowSentAt.remove(client);
      }
    }
    return null;
  }
}
