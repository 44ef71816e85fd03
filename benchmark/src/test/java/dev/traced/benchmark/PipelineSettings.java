package dev.traced.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long and how hard the pipeline phase runs.
 *
 * @param rates spans per second of the synthetic steps, in order; stepping stops at the first step
 *     that fails
 * @param step length of each step
 * @param drain how long after a step the ingesters have to catch up (lag 0, every span handed on)
 * @param delaySamples orders whose delay from response to whole trace is measured, per path
 * @param mixRate requests per second of loadgen's mix for the sampling figures
 * @param mix length of that run
 */
record PipelineSettings(
    List<Double> rates,
    Duration step,
    Duration drain,
    int delaySamples,
    double mixRate,
    Duration mix) {

  /** The run whose figures go into docs/benchmarks.md: about 8 minutes on two cores. */
  static PipelineSettings full() {
    return new PipelineSettings(
        List.of(1000.0, 2000.0, 4000.0, 8000.0, 16000.0, 32000.0, 64000.0),
        Duration.ofSeconds(20),
        Duration.ofSeconds(15),
        20,
        20,
        Duration.ofSeconds(60));
  }

  /** A few seconds of each phase: proves the tool works, numbers mean nothing. */
  static PipelineSettings smoke() {
    return new PipelineSettings(
        List.of(700.0),
        Duration.ofSeconds(2),
        Duration.ofSeconds(15),
        2,
        10,
        Duration.ofSeconds(3));
  }

  /** The settings for the JSON report, durations in seconds. */
  Map<String, Object> describe() {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("spansPerSecondSteps", rates);
    described.put("stepSeconds", step.toSeconds());
    described.put("drainSeconds", drain.toSeconds());
    described.put("delaySamples", delaySamples);
    described.put("mixRate", mixRate);
    described.put("mixSeconds", mix.toSeconds());
    return described;
  }

  /** {@code -Dbench.profile=full} for the full run; the smoke run otherwise. */
  static PipelineSettings fromSystemProperties() {
    return "full".equals(System.getProperty("bench.profile")) ? full() : smoke();
  }
}
