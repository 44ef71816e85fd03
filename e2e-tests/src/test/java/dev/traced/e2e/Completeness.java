package dev.traced.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Counts the spans Jaeger holds for a run's traces against the spans those requests made. */
final class Completeness {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXPORT_TALLY =
      Pattern.compile("ended=(\\d+) exported=(\\d+) failed=(\\d+) dropped=(-?\\d+)");

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
    long[] sdk = exportTally(logDir);
    List<Long> sorted = freshness.stream().sorted().toList();
    return new BenchmarkReport.Completeness(
        load.throughput(), load.durationSeconds(), traces.size(), expected, stored, expected - stored,
        incomplete, sdk[0], sdk[1], sdk[2], sdk[3], percentile(sorted, 50), percentile(sorted, 95));
  }

  private static int mode(List<Integer> counts) {
    return counts.stream()
        .collect(Collectors.groupingBy(count -> count, Collectors.counting()))
        .entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(0);
  }

  /** The SDK's own tally (ended, exported, failed, dropped) summed over the three services. */
  private static long[] exportTally(Path logDir) throws IOException {
    long[] sum = new long[4];
    for (Service service : Service.values()) {
      for (String line : Files.readAllLines(logDir.resolve(service.serviceName + ".log"))) {
        if (!line.contains("span export:")) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        Matcher tally = EXPORT_TALLY.matcher(node.path("message").asText());
        if (tally.find()) {
          for (int i = 0; i < 4; i++) {
            sum[i] += Long.parseLong(tally.group(i + 1));
          }
        }
      }
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
