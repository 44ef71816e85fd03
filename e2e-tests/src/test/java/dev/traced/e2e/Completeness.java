package dev.traced.e2e;

import dev.traced.loadgen.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** Counts the spans Jaeger holds for a run's traces against the spans those requests made. */
final class Completeness {


  private Completeness() {}

  /**
   * @param traces trace id and operation of every answered request
   * @param load the run's loadgen summary
   * @param freshness milliseconds until each sampled trace was complete
   * @param logDir where the services wrote their output, with the SDK's export tally
   */
  static BenchmarkReport.Completeness count(
      JaegerQuery jaeger, List<String[]> traces, Summary load, List<Long> freshness, Path logDir)
      throws Exception {
    Map<String, List<Integer>> spansByOperation = new HashMap<>();
    ExecutorService lookups = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (String[] trace : traces) {
        counts.add(lookups.submit(() -> jaeger.trace(trace[0]).spans().size()));
      }
      for (int i = 0; i < traces.size(); i++) {
        spansByOperation.computeIfAbsent(traces.get(i)[1], key -> new ArrayList<>()).add(counts.get(i).get());
      }
    } finally {
      lookups.shutdownNow();
    }
    long expected = 0;
    long stored = 0;
    long incomplete = 0;
    for (List<Integer> counts : spansByOperation.values()) {
      // Every request of one operation makes the same spans; the usual count is that number.
      int perRequest = mode(counts);
      for (int count : counts) {
        expected += perRequest;
        stored += Math.min(count, perRequest);
        incomplete += count < perRequest ? 1 : 0;
      }
    }
    ExportTally sdk = exportTally(logDir);
    List<Long> sorted = freshness.stream().sorted().toList();
    return new BenchmarkReport.Completeness(
        load.throughput(), load.durationSeconds(), traces.size(), expected, stored, expected - stored,
        incomplete, sdk.ended(), sdk.exported(), sdk.failed(), sdk.dropped(),
        percentile(sorted, 50), percentile(sorted, 95));
  }

  private static int mode(List<Integer> counts) {
    return counts.stream()
        .collect(Collectors.groupingBy(count -> count, Collectors.counting()))
        .entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(0);
  }

  /** The SDK's own tally summed over the three services. */
  private static ExportTally exportTally(Path logDir) throws IOException {
    ExportTally sum = ExportTally.NONE;
    for (Service service : Service.values()) {
      sum = sum.plus(ExportTally.in(Files.readAllLines(logDir.resolve(service.serviceName + ".log"))));
    }
    return sum;
  }

  static double percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
