package dev.traced.order;

import io.opentelemetry.api.baggage.Baggage;

/**
 * The demo scenarios that concern this service. The gateway puts the demo page's choice into the
 * W3C baggage entry {@value #BAGGAGE_KEY}; this service then fails or slows down for real, so the
 * failure shows up in a real trace.
 */
enum DemoScenario {
  /** The order store fails: every order call answers 500. */
  ORDER_FAILURE("order-failure"),
  /** The database takes {@link Orders#SLOW_DATABASE} for each call. */
  SLOW_DATABASE("slow-database");

  /** The baggage entry that carries the scenario: {@value}. */
  static final String BAGGAGE_KEY = "demo.scenario";

  private final String value;

  DemoScenario(String value) {
    this.value = value;
  }

  /** Whether the current request runs this scenario. */
  boolean isCurrent() {
    return value.equals(Baggage.current().getEntryValue(BAGGAGE_KEY));
  }
}
