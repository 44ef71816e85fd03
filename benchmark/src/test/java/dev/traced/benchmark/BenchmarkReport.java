package dev.traced.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.traced.e2e.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark's numbers, the ratios traced over untraced and traced over the agent, and the targets
 * they meet or miss.
 */
record BenchmarkReport(
    BenchmarkSettings settings,
    MachineFacts machine,
    List<Benchmark.ConfigRun> runs,
    Completeness completeness,
    double jaegerIdleRssMiB,
    double jaegerLoadRssMiB,
    Floor floor) {

  /** This report with the floor benchmark's result, which a separate JMH run measures. */
  BenchmarkReport withFloor(Floor floor) {
    return new BenchmarkReport(
        settings, machine, runs, completeness, jaegerIdleRssMiB, jaegerLoadRssMiB, floor);
  }

  /**
   * The span completeness and freshness run.
   *
   * @param achievedRate requests per second actually sent
   * @param seconds length of the run
   * @param requests answered requests with a trace id
   * @param expectedSpans spans those requests made
   * @param storedSpans of those, the spans Jaeger holds
   * @param lostSpans expected minus stored
   * @param incompleteTraces traces missing at least one span
   * @param sdkEnded sampled spans the SDKs ended
   * @param sdkExported spans the SDKs exported
   * @param sdkFailed spans whose export failed
   * @param sdkDropped spans the SDKs dropped before export (queue full)
   * @param freshnessP50Ms median time from a response to its whole trace in Jaeger
   * @param freshnessP95Ms 95th percentile of the same
   */
  record Completeness(
      double achievedRate,
      double seconds,
      long requests,
      long expectedSpans,
      long storedSpans,
      long lostSpans,
      long incompleteTraces,
      long sdkEnded,
      long sdkExported,
      long sdkFailed,
      long sdkDropped,
      double freshnessP50Ms,
      double freshnessP95Ms) {}

  private static final String ISOLATED_P50 =
      "p50 latency at half the untraced maximum rate, backend isolated";
  private static final String ISOLATED_P95 =
      "p95 latency at half the untraced maximum rate, backend isolated";

  /** A ratio of two configurations: its value in each round, and their median. */
  record Ratio(String name, List<Double> rounds, double median) {}

  /** One target of the benchmark issue, and whether this run meets it. */
  record Target(String name, String goal, String measured, boolean met) {}

  private static final String FLOOR =
      "tracing work per request over the bare-SDK floor (JMH, time)";
  private static final String CPU = "CPU per request, three services";
  private static final String STARTUP = "start-up, slowest service";
  private static final String ALLOCATION = "allocation per request, three services";
  private static final String RSS = "resident memory under load, three services";

  /** Traced over untraced: what the project's tracing costs. */
  List<Ratio> ratios() {
    return List.of(
        ratio(CPU, run -> run.cpuAtHalfRate().services()),
        ratio("throughput at saturation", run -> run.saturation().throughput()),
        ratio(ISOLATED_P50, run -> run.isolatedAtHalfRate().latencyMs().p50()),
        ratio(ISOLATED_P95, run -> run.isolatedAtHalfRate().latencyMs().p95()),
        ratio(
            "p50 latency at half the untraced maximum rate, co-located",
            run -> run.atHalfRate().latencyMs().p50()),
        ratio(
            "p95 latency at half the untraced maximum rate, co-located",
            run -> run.atHalfRate().latencyMs().p95()),
        ratio(
            "p99 latency at half the untraced maximum rate, co-located",
            run -> run.atHalfRate().latencyMs().p99()),
        ratio(STARTUP, run -> max(run.startupMs())),
        ratio(ALLOCATION, Benchmark.ConfigRun::allocatedBytesPerRequest),
        ratio(RSS, run -> sum(run.loadRssMiB())));
  }

  /** Traced over the agent: the project's tracing against the OpenTelemetry Java agent's. */
  List<Ratio> agentRatios() {
    return List.of(
        ratio(CPU, run -> run.cpuAtHalfRate().services(), "traced", "agent"),
        ratio("throughput at saturation", run -> run.saturation().throughput(), "traced", "agent"),
        ratio(ISOLATED_P50, run -> run.isolatedAtHalfRate().latencyMs().p50(), "traced", "agent"),
        ratio(ISOLATED_P95, run -> run.isolatedAtHalfRate().latencyMs().p95(), "traced", "agent"),
        ratio(STARTUP, run -> max(run.startupMs()), "traced", "agent"),
        ratio(ALLOCATION, Benchmark.ConfigRun::allocatedBytesPerRequest, "traced", "agent"),
        ratio(RSS, run -> sum(run.loadRssMiB()), "traced", "agent"));
  }

  /** What each tracing configuration made of the one created order of the first round. */
  List<SpanContent> contents() {
    return runs.stream().map(Benchmark.ConfigRun::content).filter(Objects::nonNull).toList();
  }

  List<Target> targets() {
    Map<String, Double> median = new LinkedHashMap<>();
    ratios().forEach(ratio -> median.put(ratio.name(), ratio.median()));
    Map<String, Double> overAgent = new LinkedHashMap<>();
    agentRatios().forEach(ratio -> overAgent.put(ratio.name(), ratio.median()));
    double slowestStart =
        runs("traced").stream().mapToDouble(run -> max(run.startupMs())).max().orElse(0);
    double largestRss =
        runs("traced").stream().mapToDouble(run -> max(run.loadRssMiB())).max().orElse(0);
    List<Target> targets =
        new ArrayList<>(
            List.of(
                atMost(
                    "CPU per request ratio, three services",
                    1.05,
                    median.get("CPU per request, three services")),
                atLeast(
                    "throughput ratio at saturation", 0.95, median.get("throughput at saturation")),
                atMost(
                    "p95 latency ratio at half rate, backend isolated",
                    1.10,
                    median.get(ISOLATED_P95)),
                atMost("start-up ratio", 1.10, median.get("start-up, slowest service")),
                atMost("start-up of each service, cold JVM (ms)", 1500, slowestStart),
                atMost(
                    "allocation per request ratio",
                    1.15,
                    median.get("allocation per request, three services")),
                atMost(
                    "resident memory ratio under load",
                    1.10,
                    median.get("resident memory under load, three services")),
                atMost("resident memory of each service under load (MiB)", 160, largestRss),
                atMost(
                    "spans lost at " + (int) settings.completenessRate() + " req/s",
                    0,
                    completeness.lostSpans()),
                atMost("freshness p95 (ms)", 2000, completeness.freshnessP95Ms()),
                atMost("CPU per request, traced over agent", 1, overAgent.get(CPU)),
                atMost("start-up, traced over agent", 1, overAgent.get(STARTUP)),
                atMost("resident memory under load, traced over agent", 1, overAgent.get(RSS)),
                atMost("allocation per request, traced over agent", 1, overAgent.get(ALLOCATION))));
    targets.add(contentTarget());
    targets.add(
        floor == null
            ? new Target(FLOOR, "≤ 2.000", "not measured", false)
            : atMost(FLOOR, 2, floor.ratio()));
    return targets;
  }

  /** The project's trace of one created order holds at least what the agent's holds. */
  private Target contentTarget() {
    SpanContent traced = content("traced");
    SpanContent agent = content("agent");
    String name = "span content of one created order, traced against agent";
    if (traced == null || agent == null) {
      return new Target(name, "at least the agent's", "not measured", false);
    }
    return new Target(
        name,
        "at least the agent's",
        traced.spans().size() + " spans against " + agent.spans().size(),
        traced.atLeast(agent));
  }

  private SpanContent content(String config) {
    return contents().stream()
        .filter(content -> content.config().equals(config))
        .findFirst()
        .orElse(null);
  }

  /** Writes report.json, report.md and the chart report.svg into {@code dir}. */
  void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generatedAt", Instant.now().toString());
    json.put("machine", machine);
    json.put("settings", settings.describe());
    json.put("ratios", ratios());
    json.put("agentRatios", agentRatios());
    json.put("targets", targets());
    json.put("completeness", completeness);
    json.put("floor", floor);
    json.put("jaegerRssMiB", Map.of("idle", jaegerIdleRssMiB, "afterLoad", jaegerLoadRssMiB));
    json.put("runs", runs);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .findAndRegisterModules()
        .writeValue(dir.resolve("report.json").toFile(), json);
    Files.writeString(dir.resolve("report.md"), BenchmarkMarkdown.render(this));
    Files.writeString(dir.resolve("report.svg"), BenchmarkChart.render(this));
  }

  /** The runs of {@code config} ("untraced", "traced", "agent"), round by round. */
  List<Benchmark.ConfigRun> runs(String config) {
    return runs.stream().filter(run -> run.config().equals(config)).toList();
  }

  private Ratio ratio(String name, ToDoubleFunction<Benchmark.ConfigRun> value) {
    return ratio(name, value, "traced", "untraced");
  }

  /** {@code value} of {@code over} divided by that of {@code base}, round by round. */
  private Ratio ratio(
      String name, ToDoubleFunction<Benchmark.ConfigRun> value, String over, String base) {
    List<Benchmark.ConfigRun> numerators = runs(over);
    List<Benchmark.ConfigRun> denominators = runs(base);
    List<Double> rounds = new ArrayList<>();
    for (int round = 0; round < Math.min(numerators.size(), denominators.size()); round++) {
      double denominator = value.applyAsDouble(denominators.get(round));
      rounds.add(denominator == 0 ? 0 : value.applyAsDouble(numerators.get(round)) / denominator);
    }
    List<Double> sorted = rounds.stream().sorted().toList();
    double median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    return new Ratio(name, rounds, median);
  }

  private static Target atLeast(String name, double goal, double measured) {
    return new Target(name, "≥ " + format(goal), format(measured), measured >= goal);
  }

  private static Target atMost(String name, double goal, double measured) {
    return new Target(name, "≤ " + format(goal), format(measured), measured <= goal);
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) >= 10
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  static double max(Map<Service, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  static double sum(Map<Service, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
