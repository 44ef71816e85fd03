package dev.traced.loadgen;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of traffic: what is sent, with which {@code Demo-Scenario} header, and which answers are
 * right.
 */
public enum Scenario {
  /** Normal use: create an order, list orders or get one of the user's own orders. */
  HAPPY("happy", Step.HAPPY, null, 200, 201),
  /** {@code GET /api/orders/999999999}: an id that does not exist. */
  UNKNOWN_ORDER("unknown-order", Step.GET_UNKNOWN, null, 404),
  /** {@code GET /api/orders} with {@code Authorization: Bearer invalid}. */
  INVALID_TOKEN("invalid-token", Step.LIST_WITH_INVALID_TOKEN, null, 401),
  /** {@code GET} of an order that another user created: hidden from this user, so 404. */
  OTHER_USERS_ORDER("other-users-order", Step.GET_FOREIGN, null, 404),
  /** {@code GET /api/orders} while order-service makes a slow query. */
  SLOW_DATABASE("slow-database", Step.LIST, "slow-database", 200),
  /** {@code POST /api/orders} that order-service fails with 500, so the gateway answers 502. */
  ORDER_FAILURE("order-failure", Step.CREATE, "order-failure", 502),
  /** {@code GET /api/orders} while the gateway cannot reach auth-service. */
  AUTH_UNREACHABLE("auth-unreachable", Step.LIST, "auth-unreachable", 503);

  /** The request a scenario sends; {@link Driver} turns it into HTTP calls. */
  enum Step {
    /** Create, list or get an own order. */
    HAPPY,
    /** {@code GET /api/orders}. */
    LIST,
    /** {@code POST /api/orders}. */
    CREATE,
    /** {@code GET /api/orders/999999999}. */
    GET_UNKNOWN,
    /** {@code GET /api/orders/{id}} of another user's order. */
    GET_FOREIGN,
    /** {@code GET /api/orders} with a token that is not one. */
    LIST_WITH_INVALID_TOKEN
  }

  private final String label;
  private final Step step;
  private final String demoHeader;
  private final Set<Integer> expectedStatuses;

  Scenario(String label, Step step, String demoHeader, Integer... expectedStatuses) {
    this.label = label;
    this.step = step;
    this.demoHeader = demoHeader;
    this.expectedStatuses = Set.of(expectedStatuses);
  }

  /** The name used in {@code LOADGEN_MIX} and in reports, e.g. {@code unknown-order}. */
  public String label() {
    return label;
  }

  /** The value of the {@code Demo-Scenario} header, empty for scenarios made on the client side. */
  public Optional<String> demoHeader() {
    return Optional.ofNullable(demoHeader);
  }

  /** The statuses this scenario should get; anything else is counted as unexpected. */
  public Set<Integer> expectedStatuses() {
    return expectedStatuses;
  }

  /** Whether {@code status} is a right answer to this scenario. */
  public boolean expects(int status) {
    return expectedStatuses.contains(status);
  }

  /** What to send. */
  Step step() {
    return step;
  }

  /** The scenario called {@code label}, if there is one. */
  public static Optional<Scenario> byLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
  }
}
