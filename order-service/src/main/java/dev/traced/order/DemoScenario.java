package dev.traced.order;

import io.opentelemetry.api.baggage.Baggage;

/**
 * The demo scenario a request runs: the gateway puts the demo page's choice into the W3C baggage
 * entry {@value #BAGGAGE_KEY}, and this service fails or slows down for real when the scenario
 * concerns it, so the failure shows up in a real trace.
 */
final class DemoScenario {

  /** The baggage entry that carries the scenario: {@value}. */
  static final String BAGGAGE_KEY = "demo.scenario";

  /** The scenario in which the order store fails: {@value}. */
  static final String ORDER_FAILURE = "order-failure";

  /** The scenario in which the database is slow: {@value}. */
  static final String SLOW_DATABASE = "slow-database";

  private DemoScenario() {}

  /** Whether the current request runs the scenario {@code name}. */
  static boolean is(String name) {
    return name.equals(Baggage.current().getEntryValue(BAGGAGE_KEY));
  }
}
