package dev.traced.benchmark;

import dev.traced.e2e.Database;
import dev.traced.e2e.JaegerProcess;
import dev.traced.e2e.JaegerQuery;
import dev.traced.e2e.LocalProcesses;
import dev.traced.e2e.RepoFiles;
import dev.traced.e2e.Service;
import dev.traced.loadgen.Summary;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cost of tracing, measured: the real Jaeger binary and the three services as separate
 * processes on loopback, the same jars and JVM flags traced and untraced.
 */
final class Benchmark {

  /**
   * The untraced configuration: nothing of tracing runs (TRACING_INSTRUMENTATION=off: no SDK, no
   * tracing plugin, a plain HTTP client and data source). OTEL_SDK_DISABLED would leave the
   * instrumentation running with spans that are made and dropped, and so hide its cost.
   */
  static final Map<String, String> UNTRACED = Map.of("TRACING_INSTRUMENTATION", "off");

  /** The traced configuration: export to Jaeger with the batch settings compose ships. */
  static final Map<String, String> TRACED = Map.of("OTEL_BSP_SCHEDULE_DELAY", "500");

  /**
   * The OpenTelemetry Java agent in place of the project's tracing ({@code
   * TRACING_INSTRUMENTATION=off}), exporting like {@link #TRACED}: the same OTLP endpoint,
   * protocol, sampler and service names (which every run's environment sets) and the same batch
   * delay. Metrics and log export are off, as in the project's SDK: Jaeger takes traces only.
   */
  static Map<String, String> agent(Path agentJar) {
    return Map.of(
        "TRACING_INSTRUMENTATION", "off",
        "JAVA_TOOL_OPTIONS", "-javaagent:" + agentJar.toAbsolutePath(),
        "OTEL_BSP_SCHEDULE_DELAY", "500",
        "OTEL_METRICS_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none");
  }

  /**
   * Idle resident memory is read this long after a service is healthy, with no request sent
   * meanwhile (docs/benchmarks.md): the pause is part of what "idle" means here.
   */
  static final Duration IDLE_BEFORE_RSS = Duration.ofSeconds(1);

  /**
   * One configuration's numbers in one round; {@code content} is what its tracing made of one
   * created order, in the first round only.
   */
  record ConfigRun(
      String config,
      int round,
      Summary saturation,
      double halfRate,
      Summary atHalfRate,
      Map<Service, Double> startupMs,
      Map<Service, Double> idleRssMiB,
      Map<Service, Double> loadRssMiB,
      double allocatedBytesPerRequest,
      CpuMeter.PerRequest cpuAtHalfRate,
      double isolatedHalfRate,
      Summary isolatedAtHalfRate,
      SpanContent content) {}

  private final BenchmarkSettings settings;
  private final Path workDir;
  private final JaegerProcess jaeger;
  private final JaegerQuery jaegerQuery;

  private Benchmark(BenchmarkSettings settings, Path workDir, JaegerProcess jaeger) {
    this.settings = settings;
    this.workDir = workDir;
    this.jaeger = jaeger;
    this.jaegerQuery = new JaegerQuery(jaeger.queryUrl());
  }

  /**
   * Runs every phase with {@code settings}, the agent being the jar {@code agentJar}, and returns
   * the report.
   */
  static BenchmarkReport run(BenchmarkSettings settings, Path binary, Path agentJar, Path workDir)
      throws Exception {
    // Fresh logs and databases: the SDK tallies are read back from the logs.
    RepoFiles.deleteRecursively(workDir);
    // Traces in memory: the services' cost is measured, not Jaeger's disk, whose writes would
    // share the CPUs and the disk with the services and set these runs apart from earlier ones.
    try (JaegerProcess jaeger =
        JaegerProcess.start(binary, workDir, Map.of("JAEGER_STORAGE", "memory"))) {
      Benchmark benchmark = new Benchmark(settings, workDir, jaeger);
      double jaegerIdleRss = ProcessMetrics.residentMiB(jaeger.pid());
      List<ConfigRun> runs = new ArrayList<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        // Untraced first: its saturation throughputs set the rates of the other latency runs.
        ConfigRun untraced = benchmark.measure("untraced", round, UNTRACED, 0, 0);
        runs.add(untraced);
        runs.add(
            benchmark.measure(
                "traced", round, TRACED, untraced.halfRate(), untraced.isolatedHalfRate()));
        runs.add(
            benchmark.measure(
                "agent", round, agent(agentJar), untraced.halfRate(), untraced.isolatedHalfRate()));
      }
      BenchmarkReport.Completeness completeness = benchmark.completeness();
      double jaegerLoadRss = ProcessMetrics.residentMiB(jaeger.pid());
      return new BenchmarkReport(
          settings, MachineFacts.read(), runs, completeness, jaegerIdleRss, jaegerLoadRss, null);
    }
  }

  /** Starts the services in {@code config}, measures, stops them. */
  private ConfigRun measure(
      String config,
      int round,
      Map<String, String> environment,
      double halfRate,
      double isolatedHalfRate)
      throws Exception {
    // A fresh embedded database for every run, so no run inherits another's data.
    Path runDir = workDir.resolve(config + "-" + round);
    Database database = Database.fromEnvironment(Map.of(), runDir);
    LocalProcesses system = LocalProcesses.start(jaeger, database, runDir, environment);
    try {
      Map<Service, Double> startup = new EnumMap<>(Service.class);
      Map<Service, Double> idleRss = new EnumMap<>(Service.class);
      for (Service service : Service.values()) {
        startup.put(service, system.startupTime(service).toNanos() / 1e6);
      }
      // Part of the measurement, not a wait for a fact: see IDLE_BEFORE_RSS.
      Thread.sleep(IDLE_BEFORE_RSS.toMillis());
      for (Service service : Service.values()) {
        idleRss.put(service, ProcessMetrics.residentMiB(system.pid(service)));
      }
      URI gateway = system.gatewayUrl();
      // Before any load, so that nothing else is in the logs around it.
      String probeTraceId =
          round == 1 && !UNTRACED.equals(environment) ? SpanContent.createOneOrder(gateway) : null;
      LoadRun.closed(gateway, settings.concurrency(), settings.warmup());

      Map<Service, Double> loadRss = new ConcurrentHashMap<>();
      Summary saturation;
      long allocated;
      try (RssSampler sampler = new RssSampler(system, loadRss);
          AllocationMeter allocation = AllocationMeter.start(servicePids(system))) {
        saturation = LoadRun.closed(gateway, settings.concurrency(), settings.saturation());
        allocated = allocation.allocatedBytes();
      }
      double allocatedPerRequest = allocated / (double) Math.max(1, saturation.requests());

      double rate = halfRate > 0 ? halfRate : Math.max(1, saturation.throughput() / 2);
      CpuMeter cpu = CpuMeter.start(servicePids(system), jaeger.pid());
      Summary atHalfRate = LoadRun.open(gateway, rate, settings.latency(), reply -> {});
      CpuMeter.PerRequest cpuAtHalfRate = cpu.perRequest(atHalfRate.requests());

      // The same again with the backend out of the services' way: its own saturation sets the
      // rate, since the services now have one CPU.
      double isolatedRate;
      Summary isolatedAtHalfRate;
      try (CpuPinning pinned =
          CpuPinning.apply(
              servicePids(system), List.of(jaeger.pid(), ProcessHandle.current().pid()))) {
        isolatedRate =
            isolatedHalfRate > 0
                ? isolatedHalfRate
                : Math.max(
                    1,
                    LoadRun.closed(gateway, settings.concurrency(), settings.saturation())
                            .throughput()
                        / 2);
        isolatedAtHalfRate = LoadRun.open(gateway, isolatedRate, settings.latency(), reply -> {});
      }
      // By now the probe's spans have long been exported.
      SpanContent content =
          probeTraceId == null
              ? null
              : SpanContent.await(config, probeTraceId, jaegerQuery, runDir);
      return new ConfigRun(
          config,
          round,
          saturation,
          rate,
          atHalfRate,
          startup,
          idleRss,
          new EnumMap<>(loadRss),
          allocatedPerRequest,
          cpuAtHalfRate,
          isolatedRate,
          isolatedAtHalfRate,
          content);
    } finally {
      system.stopServices();
    }
  }

  /**
   * Traced, open loop at {@code completenessRate}: every trace id the gateway returned is looked up
   * in Jaeger; the spans it holds are counted against those expected.
   */
  private BenchmarkReport.Completeness completeness() throws Exception {
    Path dir = workDir.resolve("completeness");
    Database database = Database.fromEnvironment(Map.of(), dir);
    ConcurrentLinkedQueue<String[]> traces = new ConcurrentLinkedQueue<>();
    List<Long> freshness;
    Summary load;
    LocalProcesses system = LocalProcesses.start(jaeger, database, dir, TRACED);
    try {
      LoadRun.closed(system.gatewayUrl(), settings.concurrency(), settings.warmup());
      load =
          LoadRun.open(
              system.gatewayUrl(),
              settings.completenessRate(),
              settings.completeness(),
              reply -> {
                if (reply.traceId() != null) {
                  traces.add(new String[] {reply.traceId(), reply.operation()});
                }
              });
      freshness =
          Freshness.measure(
              system.gatewayUrl(), new JaegerQuery(jaeger.queryUrl()), settings.freshnessSamples());
    } finally {
      // Stopping makes each SDK flush and log its export tally.
      system.stopServices();
    }
    return Completeness.count(
        new JaegerQuery(jaeger.queryUrl()), List.copyOf(traces), load, freshness, dir);
  }

  private static List<Long> servicePids(LocalProcesses system) {
    return Arrays.stream(Service.values()).map(system::pid).toList();
  }

  /** Samples each service's resident memory every half second and keeps the highest. */
  private static final class RssSampler implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    RssSampler(LocalProcesses system, Map<Service, Double> peak) {
      timer.scheduleAtFixedRate(
          () -> {
            for (Service service : Service.values()) {
              peak.merge(service, ProcessMetrics.residentMiB(system.pid(service)), Math::max);
            }
          },
          0,
          500,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      timer.shutdownNow();
      timer.awaitTermination(1, TimeUnit.SECONDS);
    }
  }
}
