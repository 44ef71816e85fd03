package dev.traced.benchmark;

import static org.awaitility.Awaitility.await;

import dev.traced.e2e.ExportTally;
import dev.traced.e2e.JaegerQuery;
import dev.traced.e2e.Service;
import dev.traced.loadgen.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/** Counts the spans Jaeger holds for a run's traces against the spans those requests made. */
final class Completeness {

  /**
   * How long after the services stopped a span may still arrive. They exported everything before
   * they exited and Jaeger stores it within its own batch (200 ms); a span still missing after this
   * is lost.
   */
  private static final Duration STRAGGLERS = Duration.ofSeconds(10);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

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
    int[] counts = new int[traces.size()];
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      all.add(i);
    }
    lookUp(jaeger, traces, all, counts);
    // Jaeger may still be storing the services' last export: the traces short of their
    // operation's usual count are read again until none is, or until the deadline.
    try {
      await("every trace of the run whole in Jaeger")
          .atMost(STRAGGLERS)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(
              () -> {
                lookUp(jaeger, traces, incomplete(traces, counts), counts);
                return incomplete(traces, counts).isEmpty();
              });
    } catch (ConditionTimeoutException stillMissing) {
      // What is missing now is lost: that is what this run measures, not a failure.
    }

    Map<String, Integer> usual = usualCounts(traces, counts);
    long expected = 0;
    long stored = 0;
    long incomplete = 0;
    for (int i = 0; i < traces.size(); i++) {
      int perRequest = usual.get(traces.get(i)[1]);
      expected += perRequest;
      stored += Math.min(counts[i], perRequest);
      incomplete += counts[i] < perRequest ? 1 : 0;
    }
    ExportTally sdk = exportTally(logDir);
    List<Long> sorted = freshness.stream().sorted().toList();
    return new BenchmarkReport.Completeness(
        load.throughput(),
        load.durationSeconds(),
        traces.size(),
        expected,
        stored,
        expected - stored,
        incomplete,
        sdk.ended(),
        sdk.exported(),
        sdk.failed(),
        sdk.dropped(),
        percentile(sorted, 50),
        percentile(sorted, 95));
  }

  /** Reads the span count of each trace at {@code indices} into {@code counts}. */
  private static void lookUp(
      JaegerQuery jaeger, List<String[]> traces, List<Integer> indices, int[] counts)
      throws Exception {
    ExecutorService lookups = Executors.newFixedThreadPool(8);
    try {
      Map<Integer, Future<Integer>> pending = new HashMap<>();
      for (int i : indices) {
        pending.put(i, lookups.submit(() -> jaeger.trace(traces.get(i)[0]).spans().size()));
      }
      for (Map.Entry<Integer, Future<Integer>> lookup : pending.entrySet()) {
        counts[lookup.getKey()] = lookup.getValue().get();
      }
    } finally {
      lookups.shutdownNow();
    }
  }

  /** The traces that hold fewer spans than their operation's usual count. */
  private static List<Integer> incomplete(List<String[]> traces, int[] counts) {
    Map<String, Integer> usual = usualCounts(traces, counts);
    List<Integer> incomplete = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      if (counts[i] < usual.get(traces.get(i)[1])) {
        incomplete.add(i);
      }
    }
    return incomplete;
  }

  /**
   * Every request of one operation makes the same spans: its usual count (the most frequent one) is
   * that number.
   */
  private static Map<String, Integer> usualCounts(List<String[]> traces, int[] counts) {
    Map<String, List<Integer>> byOperation = new HashMap<>();
    for (int i = 0; i < traces.size(); i++) {
      byOperation.computeIfAbsent(traces.get(i)[1], key -> new ArrayList<>()).add(counts[i]);
    }
    Map<String, Integer> usual = new HashMap<>();
    byOperation.forEach(
        (operation, operationCounts) -> usual.put(operation, mode(operationCounts)));
    return usual;
  }

  private static int mode(List<Integer> counts) {
    return counts.stream()
        .collect(Collectors.groupingBy(count -> count, Collectors.counting()))
        .entrySet()
        .stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(0);
  }

  /** The SDK's own tally summed over the three services. */
  private static ExportTally exportTally(Path logDir) throws IOException {
    ExportTally sum = ExportTally.NONE;
    for (Service service : Service.values()) {
      sum =
          sum.plus(
              ExportTally.in(Files.readAllLines(logDir.resolve(service.serviceName + ".log"))));
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
