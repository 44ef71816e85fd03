package dev.traced.loadgen;

import java.time.Duration;

/**
 * The numbers of one progress line: latency and throughput since the previous line, running totals
 * otherwise.
 *
 * @param elapsed time since sending began
 * @param sent requests finished so far, warm-up included
 * @param throughput requests per second since the previous line
 * @param p50Ms median latency since the previous line
 * @param p99Ms 99th percentile latency since the previous line
 * @param errors unexpected statuses and transport errors so far
 * @param dropped requests dropped so far
 * @param warmingUp whether the warm-up is still running
 */
public record Progress(
    Duration elapsed,
    long sent,
    double throughput,
    double p50Ms,
    double p99Ms,
    long errors,
    long dropped,
    boolean warmingUp) {}
