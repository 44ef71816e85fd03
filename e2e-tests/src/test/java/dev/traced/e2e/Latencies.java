package dev.traced.e2e;

import java.util.List;

/** Median, 95th percentile and maximum of a phase's request latencies, in milliseconds. */
record Latencies(long median, long p95, long max) {

  static Latencies of(List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    return new Latencies(
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
        sorted.get(sorted.size() - 1));
  }
}
