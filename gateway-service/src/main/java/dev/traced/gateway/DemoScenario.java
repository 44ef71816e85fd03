package dev.traced.gateway;

import io.opentelemetry.api.baggage.Baggage;

/**
 * The demo scenario a request runs, chosen on the demo page with the {@value #HEADER} header. The
 * gateway turns it into the W3C baggage entry {@value #BAGGAGE_KEY}, which carries it from service
 * to service; each service decides from it whether to add latency or fail, so the failure shows up
 * in a real trace.
 */
final class DemoScenario {

  /** The request header the demo page sends: {@value}. */
  static final String HEADER = "Demo-Scenario";

  /** The baggage entry that carries the scenario: {@value}. */
  static final String BAGGAGE_KEY = "demo.scenario";

  /** The scenario in which the gateway cannot reach auth-service: {@value}. */
  static final String AUTH_UNREACHABLE = "auth-unreachable";

  private DemoScenario() {}

  /** Whether the current request runs the scenario {@code name}. */
  static boolean is(String name) {
    return name.equals(Baggage.current().getEntryValue(BAGGAGE_KEY));
  }
}
