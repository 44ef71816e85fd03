package dev.traced.gateway;

import java.time.Duration;

/**
 * Which traces reach Jaeger ({@code TRACE_SAMPLING}): the demo page explains a trace that Jaeger
 * does not have by it.
 */
public enum TraceSampling {
  /** Every trace: the services sample every request and Jaeger keeps them all. */
  ALL,

  /**
   * A tail sampler decides per whole trace which to keep, as the ingesters of the scale-out
   * topology do (jaeger/ingester.yaml): a trace reaches Jaeger only after the decision, or never.
   */
  TAIL;

  /** The sampler's {@code decision_wait} in jaeger/ingester.yaml: from a trace's first span. */
  static final Duration DECISION_WAIT = Duration.ofSeconds(5);

  /** The policies of jaeger/ingester.yaml, in words, for the page to say what a user can see. */
  static final String TAIL_KEEPS =
      "every trace with an error, every trace slower than 1 s, every trace with the baggage entry"
          + " demo.scenario, and 10 % of the rest";
}
