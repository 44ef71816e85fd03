package dev.traced.benchmark;

import static org.awaitility.Awaitility.await;

import dev.traced.e2e.Database;
import dev.traced.e2e.Jaeger;
import dev.traced.e2e.JaegerProcess;
import dev.traced.e2e.JaegerQuery;
import dev.traced.e2e.LocalProcesses;
import dev.traced.e2e.RepoFiles;
import dev.traced.e2e.ScalePipeline;
import dev.traced.loadgen.LoadConfig;
import dev.traced.loadgen.Summary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The scale-out pipeline measured (see {@link ScalePipeline}): the delay from a response to its
 * whole trace in the query API against the direct path, the share of spans its tail sampling keeps
 * from loadgen's mix, and the spans per second it carries without losing one before sampling.
 */
final class PipelineBenchmark {

  /**
   * The demo scenario of the delay samples: an order like any other, whose spans carry {@code
   * demo.scenario}, so that the tail sampler keeps every one.
   */
  static final String SCENARIO = "benchmark";

  /** How long the tail samplers have to decide on the mix's last traces and store the kept ones. */
  private static final Duration DECIDED = Duration.ofSeconds(30);

  private final PipelineSettings settings;
  private final Path workDir;

  private PipelineBenchmark(PipelineSettings settings, Path workDir) {
    this.settings = settings;
    this.workDir = workDir;
  }

  static PipelineReport run(PipelineSettings settings, Path binary, Path kafkaHome, Path workDir)
      throws Exception {
    RepoFiles.deleteRecursively(workDir);
    PipelineBenchmark benchmark = new PipelineBenchmark(settings, workDir);
    PipelineReport.Delay direct;
    // The direct path as shipped: one all-in-one Jaeger keeping traces in Badger.
    try (JaegerProcess jaeger = JaegerProcess.start(binary, workDir.resolve("direct"))) {
      direct = benchmark.delay(jaeger, workDir.resolve("direct"));
    }
    try (ScalePipeline pipeline =
        ScalePipeline.startWithMetrics(binary, kafkaHome, workDir.resolve("pipeline"))) {
      Path dir = workDir.resolve("pipeline");
      LocalProcesses system =
          LocalProcesses.start(
              pipeline, Database.fromEnvironment(Map.of(), dir), dir, Benchmark.TRACED);
      PipelineReport.Delay delay;
      PipelineReport.Sampling sampling;
      try {
        delay = benchmark.delay(pipeline, dir, system);
        sampling = benchmark.sampling(pipeline, system);
      } finally {
        system.stopServices();
      }
      // The services are stopped: the steps measure the pipeline, not the services' share of CPU.
      List<PipelineReport.Step> steps = benchmark.steps(pipeline);
      return new PipelineReport(settings, MachineFacts.read(), steps, direct, delay, sampling);
    }
  }

  private PipelineReport.Delay delay(Jaeger jaeger, Path dir) throws Exception {
    LocalProcesses system =
        LocalProcesses.start(
            jaeger, Database.fromEnvironment(Map.of(), dir), dir, Benchmark.TRACED);
    try {
      return delay(jaeger, dir, system);
    } finally {
      system.stopServices();
    }
  }

  private PipelineReport.Delay delay(Jaeger jaeger, Path dir, LocalProcesses system)
      throws Exception {
    List<Long> millis =
        Freshness.measure(
            system.gatewayUrl(),
            new JaegerQuery(jaeger.queryUrl()),
            settings.delaySamples(),
            SCENARIO);
    List<Long> sorted = millis.stream().sorted().toList();
    return new PipelineReport.Delay(
        sorted.size(), Completeness.percentile(sorted, 50), Completeness.percentile(sorted, 95));
  }

  /**
   * loadgen's mix (the one compose runs) through the services: the spans that reached the tail
   * samplers against the spans they stored. Keeping everything would store every span that reached
   * them, so both sides come from the same traffic.
   */
  private PipelineReport.Sampling sampling(ScalePipeline pipeline, LocalProcesses system)
      throws Exception {
    PipelineCounts before = PipelineCounts.read(pipeline);
    Summary load =
        LoadRun.open(
            system.gatewayUrl(),
            settings.mixRate(),
            settings.mix(),
            LoadConfig.DEFAULT_MIX,
            r -> {});
    AtomicReference<PipelineCounts> counts = new AtomicReference<>(before.since(before));
    // Stored spans settle after the last decision: the storage exporter's batch goes out within
    // its timeout (200 ms), so an unchanged count over one poll (500 ms) means it went out.
    await("every trace of the mix decided on and the kept ones stored")
        .atMost(DECIDED)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              PipelineCounts previous = counts.get();
              PipelineCounts c = PipelineCounts.read(pipeline).since(before);
              counts.set(c);
              return pipeline.ingesterLag() == 0
                  && c.lostBeforeSampling() == 0
                  && c.tracesDecided() == c.tracesReceived()
                  && c.spansStored() == previous.spansStored();
            });
    PipelineCounts c = counts.get();
    return new PipelineReport.Sampling(
        load.requests(),
        load.throughput(),
        load.durationSeconds(),
        c.ingesterAccepted(),
        c.spansStored(),
        c.tracesReceived(),
        c.tracesKept());
  }

  /** The synthetic steps, up to the first one that loses a span or does not catch up. */
  private List<PipelineReport.Step> steps(ScalePipeline pipeline) {
    List<PipelineReport.Step> steps = new ArrayList<>();
    try (SpanGenerator generator =
        new SpanGenerator(List.of(pipeline.collector(0), pipeline.collector(1)))) {
      for (double rate : settings.rates()) {
        PipelineReport.Step step = step(pipeline, generator, rate);
        steps.add(step);
        System.out.println("[bench] pipeline step: " + step);
        if (!step.passed()) {
          break;
        }
      }
    }
    return steps;
  }

  private PipelineReport.Step step(ScalePipeline pipeline, SpanGenerator generator, double rate) {
    PipelineCounts before = PipelineCounts.read(pipeline);
    SpanGenerator.Sent sent = generator.run(rate, settings.step());
    long sentAt = System.nanoTime();
    AtomicReference<PipelineCounts> counts = new AtomicReference<>();
    boolean caughtUp;
    try {
      await("the ingesters caught up with " + rate + " spans/s")
          .atMost(settings.drain())
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                counts.set(PipelineCounts.read(pipeline).since(before));
                return pipeline.ingesterLag() == 0 && counts.get().lostBeforeSampling() <= 0;
              });
      caughtUp = true;
    } catch (ConditionTimeoutException notYet) {
      caughtUp = false;
    }
    double catchUpSeconds = (System.nanoTime() - sentAt) / 1e9;
    PipelineCounts c = counts.get();
    return new PipelineReport.Step(
        rate,
        sent.rate(),
        sent.seconds(),
        sent.accepted(),
        sent.refused(),
        c.collectorAccepted(),
        c.collectorDropped(),
        c.ingesterAccepted(),
        c.replicaAccepted(),
        c.ingesterRefused(),
        c.lostBeforeSampling(),
        caughtUp,
        catchUpSeconds);
  }
}
