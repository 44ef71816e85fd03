package dev.traced.telemetry;

import io.opentelemetry.api.baggage.Baggage;

/**
 * The demo scenario a request runs, chosen on the demo page and carried from service to service
 * as the W3C baggage entry {@value #BAGGAGE_KEY}. Each service decides from it whether to add
 * latency or fail, so the failure shows up in a real trace.
 */
public final class DemoScenario {

  /** The request header the gateway turns into baggage: {@value}. */
  public static final String HEADER = "Demo-Scenario";

  /** The baggage entry that carries the scenario: {@value}. */
  public static final String BAGGAGE_KEY = "demo.scenario";

  private DemoScenario() {}

  /** Whether the current request runs the scenario {@code name}. */
  public static boolean is(String name) {
    return name.equals(Baggage.current().getEntryValue(BAGGAGE_KEY));
  }
}
