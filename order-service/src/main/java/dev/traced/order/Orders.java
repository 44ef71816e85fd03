package dev.traced.order;

import io.javalin.http.ConflictResponse;
import io.javalin.http.NotFoundResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What order-service does: create orders once per idempotency key, list them, find one. */
final class Orders {

  /**
   * The outcome of a create.
   *
   * @param order the stored order
   * @param replayed whether it was stored by an earlier request with the same key
   */
  record Created(Order order, boolean replayed) {}

  /** How long the demo's slow-database scenario makes the database take: 1.5 seconds. */
  static final Duration SLOW_DATABASE = Duration.ofMillis(1500);

  private static final Logger log = LoggerFactory.getLogger(Orders.class);

  private final OrderRepository repository;
  private final Clock clock;

  /** Business logic on {@code repository}, timestamps from {@code clock}. */
  Orders(OrderRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /**
   * Stores {@code order} for {@code userId}. With an {@code idempotencyKey} already used by this
   * user, returns the first order instead, or throws 409 if it asked for something else.
   */
  Created create(String userId, NewOrder order, String idempotencyKey) throws SQLException {
    actOnDemoScenario();
    if (idempotencyKey != null) {
      Optional<Order> earlier = repository.findByIdempotencyKey(userId, idempotencyKey);
      if (earlier.isPresent()) {
        return replay(earlier.get(), order);
      }
    }
    // PostgreSQL keeps microseconds: truncate so the 201 body equals what a later GET returns.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Optional<Order> stored = repository.insert(userId, order, idempotencyKey, now);
    if (stored.isEmpty()) {
      // A concurrent retry won the race on the UNIQUE constraint: answer with its order.
      Order winner =
          repository
              .findByIdempotencyKey(userId, idempotencyKey)
              .orElseThrow(() -> new IllegalStateException("idempotent order vanished"));
      return replay(winner, order);
    }
    CurrentOrder.is(stored.get().id());
    log.info("order stored: id={}", stored.get().id());
    return new Created(stored.get(), false);
  }

  /**
   * The newest orders of {@code userId}, newest first (at most {@value
   * OrderRepository#LIST_LIMIT}).
   */
  List<Order> list(String userId) throws SQLException {
    actOnDemoScenario();
    List<Order> orders = repository.findByUser(userId);
    log.info("orders listed: count={}", orders.size());
    return orders;
  }

  /** The order {@code id} of {@code userId}; 404 also when another user owns it. */
  Order get(String userId, long id) throws SQLException {
    actOnDemoScenario();
    // Same answer for "absent" and "not yours", so ids of other users reveal nothing.
    Order order =
        repository
            .findById(userId, id)
            .orElseThrow(() -> new NotFoundResponse("order " + id + " not found"));
    CurrentOrder.is(order.id());
    log.info("order found: id={}", order.id());
    return order;
  }

  /**
   * The demo page's scenarios that concern this service, carried as baggage: a slow database or a
   * failing order store. Real failures, so the trace shows what a real one would.
   */
  private void actOnDemoScenario() throws SQLException {
    if (DemoScenario.ORDER_FAILURE.isCurrent()) {
      throw new IllegalStateException("demo scenario order-failure: the order store is failing");
    }
    if (DemoScenario.SLOW_DATABASE.isCurrent()) {
      log.info("demo scenario slow-database: the database takes {} ms", SLOW_DATABASE.toMillis());
      repository.slowQuery(SLOW_DATABASE);
    }
  }

  private static Created replay(Order earlier, NewOrder retry) {
    CurrentOrder.is(earlier.id());
    if (!retry.sameAs(earlier)) {
      throw new ConflictResponse(
          "Idempotency-Key was already used for a different order (id " + earlier.id() + ")");
    }
    log.info("order replayed for idempotency key: id={}", earlier.id());
    return new Created(earlier, true);
  }
}
