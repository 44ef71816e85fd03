package dev.traced.loadgen;

import java.util.Map;

/**
 * The result of a run, as printed at the end and written as JSON to {@code LOADGEN_REPORT}. Counts
 * and latencies cover the time after the warm-up only.
 *
 * @param startedAt wall-clock time the run began sending, ISO-8601
 * @param gatewayUrl where the requests went
 * @param mode {@code open} or {@code closed}
 * @param targetRate requests per second asked for (open mode)
 * @param concurrency worker count (closed) or in-flight cap (open)
 * @param warmupSeconds time at the start left out of these numbers
 * @param durationSeconds time measured, after the warm-up
 * @param requests requests answered or failed at transport level
 * @param throughput requests per second over {@code durationSeconds}
 * @param latencyMs latency percentiles of all answered requests, in milliseconds
 * @param statuses count of each HTTP status
 * @param expected answers with a status the scenario expects
 * @param unexpected answers with any other status
 * @param transportErrors requests that got no answer (refused, reset, timed out)
 * @param errors {@code unexpected + transportErrors}
 * @param dropped requests not sent because {@code concurrency} were already in flight
 * @param logins login requests sent (at start and after a 401), not part of {@code requests}
 * @param warmupRequests requests sent during the warm-up, not part of {@code requests}
 * @param scenarios the same numbers per scenario, by scenario name
 */
public record Summary(
    String startedAt,
    String gatewayUrl,
    String mode,
    double targetRate,
    int concurrency,
    double warmupSeconds,
    double durationSeconds,
    long requests,
    double throughput,
    Latency latencyMs,
    Map<String, Long> statuses,
    long expected,
    long unexpected,
    long transportErrors,
    long errors,
    long dropped,
    long logins,
    long warmupRequests,
    Map<String, ScenarioSummary> scenarios) {

  /**
   * Latency percentiles in milliseconds; all 0 when nothing was answered.
   *
   * @param p50 median
   * @param p90 90th percentile
   * @param p95 95th percentile
   * @param p99 99th percentile
   * @param p999 99.9th percentile
   * @param max slowest request
   */
  public record Latency(double p50, double p90, double p95, double p99, double p999, double max) {}

  /**
   * The numbers of one scenario.
   *
   * @param requests requests answered or failed at transport level
   * @param expected answers with an expected status
   * @param unexpected answers with any other status
   * @param transportErrors requests that got no answer
   * @param p50Ms median latency in milliseconds
   * @param p99Ms 99th percentile latency in milliseconds
   * @param statuses count of each HTTP status
   */
  public record ScenarioSummary(
      long requests,
      long expected,
      long unexpected,
      long transportErrors,
      double p50Ms,
      double p99Ms,
      Map<String, Long> statuses) {}
}
