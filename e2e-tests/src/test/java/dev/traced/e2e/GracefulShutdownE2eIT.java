package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
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
 * clients keep sending requests, some of which take 1.5 seconds in the database. Requests in flight
 * complete, none fails with a server error, and every span of every answered request reaches the
 * real Jaeger.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
class GracefulShutdownE2eIT {

  private static final int CLIENTS = 6;

  /** A request sent this long before SIGTERM has surely reached the gateway. */
  private static final long IN_FLIGHT_NANOS = 200_000_000L;

  /**
   * The spans of each request: gateway SERVER and CLIENT, auth SERVER and CLIENT, order SERVER and
   * two statements (a slow list: SELECT demo_sleep and the list's SELECT; a created order: the
   * SELECT by Idempotency-Key and the INSERT).
   */
  private static final ExpectedSpans SPANS_PER_REQUEST = ExpectedSpans.answeredByOrder(2);

  /** Time for every client to get its first answer, the slow ones' 1.5 s included. */
  private static final Duration LOAD_FLOWING = Duration.ofSeconds(30);

  /** One request and how it ended: a status, or no answer at all ({@code status} 0). */
  private record Outcome(long sentAt, long endedAt, int status, String traceId) {}

  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean(true);

  /** When each slow client sent the request it is waiting for, by client number. */
  private final Map<Integer, Long> slowSentAt = new ConcurrentHashMap<>();

  /** The clients that have had an answer of 2xx, by number. */
  private final Set<Integer> answeredClients = ConcurrentHashMap.newKeySet();

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
        awaitEveryClientAnswered();
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

      List<String> answered =
          all.stream().filter(o -> o.status() / 100 == 2).map(Outcome::traceId).toList();
      // The services flushed their spans before they exited; Jaeger stores them a moment later.
      // Once every trace holds its spans, a span beyond them would be one too many.
      Map<String, JaegerTrace> traces = jaeger.awaitTraces(answered, SPANS_PER_REQUEST);
      traces.values().forEach(SPANS_PER_REQUEST::assertExactly);
    }
  }

  /**
   * Waits until every client has had an answer of 2xx: the load flows, both kinds of request have
   * been served, and SIGTERM will fall among requests of a running system, not its first ones.
   */
  private void awaitEveryClientAnswered() {
    await("every client answered")
        .atMost(LOAD_FLOWING)
        .until(() -> answeredClients.size() == CLIENTS);
  }

  /**
   * Waits for a moment when at least two slow requests have been on their way for a while and have
   * a second or so to go, so that SIGTERM surely finds them in flight.
   */
  private void awaitSlowRequestsInFlight() {
    await("two slow requests in flight at once")
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        // The moment lasts half a second: look often enough not to miss it.
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              long now = System.nanoTime();
              long settled =
                  slowSentAt.values().stream()
                      .filter(sentAt -> now - sentAt > IN_FLIGHT_NANOS)
                      .filter(sentAt -> now - sentAt < 700_000_000L)
                      .count();
              return settled >= 2;
            });
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
        String traceId = null;
        if (response.statusCode() / 100 == 2) {
          traceId = Gateway.traceIdOf(response);
          answeredClients.add(client);
        }
        outcomes.add(new Outcome(sentAt, System.nanoTime(), response.statusCode(), traceId));
      } catch (IOException e) {
        outcomes.add(new Outcome(sentAt, System.nanoTime(), 0, null));
        // Pacing, not waiting for a fact: a refused connection fails at once, and a client
        // retrying in a tight loop would only fill the outcomes.
        Thread.sleep(50);
      } finally {
        slowSentAt.remove(client);
      }
    }
    return null;
  }
}
