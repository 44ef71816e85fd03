package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data safety: order-service is killed with SIGKILL, twice, while clients create orders and retry
 * each one under its Idempotency-Key until it is acknowledged. Afterwards the database, read
 * directly through JDBC, holds every acknowledged order exactly once, under the id the client was
 * given.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
class CrashSafetyE2eIT {

  private static final int CLIENTS = 4;

  /** How long a client keeps retrying one order before the test fails. */
  private static final Duration RETRY_BUDGET = Duration.ofSeconds(60);

  /** Orders acknowledged before each crash and after the last restart: a system under load. */
  private static final int ORDERS_PER_PHASE = 10;

  /** How long order-service may take to acknowledge {@link #ORDERS_PER_PHASE} orders. */
  private static final Duration PHASE_DEADLINE = Duration.ofSeconds(30);

  /** Pause of a client between two tries of one order, as a real client backs off. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final Set<String> attempted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicBoolean creating = new AtomicBoolean(true);

  @Test
  void afterKillMinus9EveryAcknowledgedOrderExistsExactlyOnce() throws Exception {
    Map<String, List<Long>> stored;
    try (LocalProcesses system = LocalProcesses.withJaegerBinary("e2e-crash-safety")) {
      Gateway gateway = new Gateway(system.gatewayUrl());
      String token = gateway.login("alice", "wonderland");
      String user = "crash-" + UUID.randomUUID();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          running.add(clients.submit(() -> createOrdersUntilStopped(gateway, token, user)));
        }
        for (int crash = 0; crash < 2; crash++) {
          awaitMoreAcknowledged(running);
          int retriesBefore = retries.get();
          system.kill(Service.ORDER);
          // The clients have met the crash (a broken connection or a 502) before order-service
          // is back, so that the orders are retried across it.
          awaitFact(running, "a retry after the crash", () -> retries.get() > retriesBefore);
          system.start(Service.ORDER); // the same port and database, once healthy
        }
        awaitMoreAcknowledged(running);
        creating.set(false);
        for (Future<?> client : running) {
          client.get(); // rethrows a client's failure
        }
      } finally {
        clients.shutdownNow();
      }
      // Stopped, so that an H2 file is free for this test to open.
      system.stopServices();
      stored = storedOrders(system.database(), user);
    }

    assertThat(retries.get()).as("requests retried across the crashes").isPositive();
    assertThat(acknowledged).as("acknowledged orders").hasSizeGreaterThan(10);
    acknowledged.forEach(
        (key, id) ->
            assertThat(stored.get(key)).as("orders stored under %s", key).containsExactly(id));
    // Nothing else either: no order that no client asked for, no key stored twice.
    assertThat(attempted).containsAll(stored.keySet());
    stored.forEach((key, ids) -> assertThat(ids).as("orders stored under %s", key).hasSize(1));
  }

  /**
   * One client: creates orders one after the other, each retried under the same key until it is
   * acknowledged (201, or 200 for a replay), whatever happens to the connection meanwhile.
   */
  private Void createOrdersUntilStopped(Gateway gateway, String token, String user)
      throws Exception {
    while (creating.get()) {
      String key = user + "/" + UUID.randomUUID();
      attempted.add(key);
      String json = "{\"item\":\"crash test\",\"quantity\":1}";
      Instant deadline = Instant.now().plus(RETRY_BUDGET);
      while (!acknowledged.containsKey(key)) {
        assertThat(Instant.now()).as("order %s acknowledged in time", key).isBefore(deadline);
        try {
          HttpResponse<String> response = gateway.createOrder(token, json, key);
          if (response.statusCode() == 201 || response.statusCode() == 200) {
            acknowledged.put(key, Gateway.json(response).get("id").asLong());
            continue;
          }
          // While order-service is down the gateway answers 502; any other answer is a bug.
          assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        } catch (IOException e) {
          // The connection broke: the order may or may not be stored, so the same key again.
        }
        retries.incrementAndGet();
        // Pacing, not waiting for a fact: the client's back-off before it tries again.
        Thread.sleep(RETRY_PAUSE.toMillis());
      }
    }
    return null;
  }

  /** Waits until {@value #ORDERS_PER_PHASE} more orders are acknowledged than now. */
  private void awaitMoreAcknowledged(List<Future<?>> clients) {
    int target = acknowledged.size() + ORDERS_PER_PHASE;
    awaitFact(clients, target + " orders acknowledged", () -> acknowledged.size() >= target);
  }

  /**
   * Waits until {@code fact} holds, within {@link #PHASE_DEADLINE}; a client that failed meanwhile
   * fails the test at once, with its own assertion.
   */
  private static void awaitFact(List<Future<?>> clients, String what, BooleanSupplier fact) {
    await(what)
        .atMost(PHASE_DEADLINE)
        .until(
            () -> {
              for (Future<?> client : clients) {
                if (client.isDone()) {
                  client.get(); // rethrows the client's failure
                }
              }
              return fact.getAsBoolean();
            });
  }

  /**
   * Idempotency key to the ids stored under it, for every order whose key starts with {@code user}.
   */
  private static Map<String, List<Long>> storedOrders(Database database, String user)
      throws Exception {
    Map<String, List<Long>> stored = new HashMap<>();
    try (Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT idempotency_key, id FROM orders WHERE idempotency_key LIKE ?")) {
      query.setString(1, user + "/%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          stored.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getLong(2));
        }
      }
    }
    return stored;
  }
}
