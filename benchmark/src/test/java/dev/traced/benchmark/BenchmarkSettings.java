package dev.traced.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long and how hard the benchmark runs.
 *
 * @param warmup closed-loop load before each measured run, left out of the numbers
 * @param rounds rounds of untraced, traced and agent runs, interleaved so that drift on a shared
 *     machine falls on all three
 * @param saturation closed-loop run at {@code concurrency}: throughput at saturation
 * @param latency open-loop run at half the untraced maximum rate: latency percentiles
 * @param concurrency workers of the closed-loop runs
 * @param completenessRate open-loop rate of the span completeness run, requests per second
 * @param completeness length of the span completeness run
 * @param freshnessSamples requests whose time until their trace is complete in Jaeger is measured
 */
record BenchmarkSettings(
    Duration warmup,
    int rounds,
    Duration saturation,
    Duration latency,
    int concurrency,
    double completenessRate,
    Duration completeness,
    int freshnessSamples) {

  /**
   * The run whose numbers go into docs/benchmarks.md: about 15 minutes on two cores, after the
   * floor benchmark.
   */
  static BenchmarkSettings full() {
    return new BenchmarkSettings(
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(20),
        Duration.ofSeconds(20),
        8,
        200,
        Duration.ofSeconds(60),
        40);
  }

  /** A few seconds of each phase: proves the tool works, numbers mean nothing. */
  static BenchmarkSettings smoke() {
    return new BenchmarkSettings(
        Duration.ofSeconds(1),
        1,
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        2,
        20,
        Duration.ofSeconds(2),
        3);
  }

  /** The settings for the JSON report, durations in seconds. */
  Map<String, Object> describe() {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("warmupSeconds", warmup.toSeconds());
    described.put("rounds", rounds);
    described.put("saturationSeconds", saturation.toSeconds());
    described.put("latencySeconds", latency.toSeconds());
    described.put("concurrency", concurrency);
    described.put("completenessRate", completenessRate);
    described.put("completenessSeconds", completeness.toSeconds());
    described.put("freshnessSamples", freshnessSamples);
    return described;
  }

  /** {@code -Dbench.profile=full} for the full run; the smoke run otherwise. */
  static BenchmarkSettings fromSystemProperties() {
    return "full".equals(System.getProperty("bench.profile")) ? full() : smoke();
  }
}
