package dev.traced.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pipeline phase's figures; written as pipeline.json and pipeline.md next to report.md. */
record PipelineReport(
    PipelineSettings settings,
    MachineFacts machine,
    List<Step> steps,
    Delay direct,
    Delay pipeline,
    Sampling sampling) {

  /** A step of the synthetic load counts as sustained if it reached this share of its rate. */
  static final double RATE_REACHED = 0.95;

  /**
   * One step of synthetic spans straight to the collectors.
   *
   * @param targetRate spans per second asked of the generator
   * @param achievedRate spans per second it sent
   * @param seconds length of the step
   * @param generatorAccepted spans the collectors answered with 2xx
   * @param generatorRefused spans the collectors answered otherwise, or not in time
   * @param collectorAccepted spans the collectors' receivers counted as accepted
   * @param collectorDropped spans the collectors refused or failed to queue or send to Kafka
   * @param ingesterAccepted spans the ingesters' Kafka receivers handed on to sampling
   * @param replicaAccepted the same for the ingesters' replicas
   * @param ingesterRefused spans the ingesters' or replicas' pipelines refused after reading them
   * @param lost collectorAccepted minus the lesser of ingesterAccepted and replicaAccepted: lost
   *     before sampling
   * @param caughtUp whether the lag was back to 0 and every span handed on within the drain time
   * @param catchUpSeconds from the step's end until then (or until the drain time ran out)
   */
  record Step(
      double targetRate,
      double achievedRate,
      double seconds,
      long generatorAccepted,
      long generatorRefused,
      long collectorAccepted,
      long collectorDropped,
      long ingesterAccepted,
      long replicaAccepted,
      long ingesterRefused,
      long lost,
      boolean caughtUp,
      double catchUpSeconds) {

    /** Reached its rate, every span accepted and handed on, and the ingesters caught up. */
    boolean passed() {
      return caughtUp
          && lost == 0
          && generatorRefused == 0
          && collectorDropped == 0
          && ingesterRefused == 0
          && achievedRate >= RATE_REACHED * targetRate;
    }
  }

  /** Milliseconds from a response to its whole trace in the query API. */
  record Delay(int samples, double p50Ms, double p95Ms) {}

  /**
   * loadgen's mix through the pipeline: what reached the tail samplers and what they stored.
   *
   * @param requests requests answered
   * @param rate requests per second
   * @param seconds length of the run
   * @param spansIn spans the ingesters received (what keeping everything would store)
   * @param spansStored spans they stored
   * @param tracesIn traces the tail samplers held
   * @param tracesKept traces they kept
   */
  record Sampling(
      long requests,
      double rate,
      double seconds,
      long spansIn,
      long spansStored,
      long tracesIn,
      long tracesKept) {

    /** The share of spans not stored, in percent. */
    double savedPercent() {
      return spansIn == 0 ? 0 : 100.0 * (spansIn - spansStored) / spansIn;
    }
  }

  /** The highest step that passed, with every step below it; null if the first failed. */
  Step sustained() {
    Step sustained = null;
    for (Step step : steps) {
      if (!step.passed()) {
        break;
      }
      sustained = step;
    }
    return sustained;
  }

  void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generatedAt", Instant.now().toString());
    json.put("machine", machine);
    json.put("settings", settings.describe());
    json.put("sustainedSpansPerSecond", sustained() == null ? 0 : sustained().targetRate());
    json.put("steps", steps);
    json.put("delay", Map.of("direct", direct, "pipeline", pipeline));
    json.put("sampling", sampling);
    json.put("samplingSavedPercent", sampling.savedPercent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .findAndRegisterModules()
        .writeValue(dir.resolve("pipeline.json").toFile(), json);
    Files.writeString(dir.resolve("pipeline.md"), markdown());
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# Pipeline benchmark report\n\n");
    md.append(machine.describe());
    Step sustained = sustained();
    md.append(
        String.format(
            Locale.ROOT,
            "## Sustained%n%n%s spans/s with 0 lost before sampling (steps of %d s, %d s to catch"
                + " up).%n%n",
            sustained == null ? "none of the steps" : String.format("%.0f", sustained.targetRate()),
            settings.step().toSeconds(),
            settings.drain().toSeconds()));
    md.append(
        "| Target spans/s | Sent spans/s | Generator accepted / refused | Collectors accepted "
            + "/ dropped | Ingesters / replicas handed on, refused | Lost before sampling "
            + "| Caught up after | Passed |\n|---|---|---|---|---|---|---|---|\n");
    for (Step step : steps) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %.0f | %d / %d | %d / %d | %d / %d, %d | %d | %s | %s |%n",
              step.targetRate(),
              step.achievedRate(),
              step.generatorAccepted(),
              step.generatorRefused(),
              step.collectorAccepted(),
              step.collectorDropped(),
              step.ingesterAccepted(),
              step.replicaAccepted(),
              step.ingesterRefused(),
              step.lost(),
              step.caughtUp()
                  ? String.format(Locale.ROOT, "%.1f s", step.catchUpSeconds())
                  : "not within " + settings.drain().toSeconds() + " s",
              step.passed() ? "yes" : "**no**"));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%n## Response to queryable, ms%n%n| Path | Samples | p50 | p95 |%n|---|---|---|---|%n"
                + "| direct (all-in-one, Badger) | %d | %.0f | %.0f |%n"
                + "| pipeline (decision_wait 5 s included) | %d | %.0f | %.0f |%n",
            direct.samples(),
            direct.p50Ms(),
            direct.p95Ms(),
            pipeline.samples(),
            pipeline.p50Ms(),
            pipeline.p95Ms()));
    md.append(
        String.format(
            Locale.ROOT,
            "%n## Storage saved by sampling (loadgen's mix, %d requests at %.1f/s)%n%n"
                + "| | Received | Stored | Saved |%n|---|---|---|---|%n"
                + "| spans | %d | %d | %.1f %% |%n| traces | %d | %d | %.1f %% |%n",
            sampling.requests(),
            sampling.rate(),
            sampling.spansIn(),
            sampling.spansStored(),
            sampling.savedPercent(),
            sampling.tracesIn(),
            sampling.tracesKept(),
            sampling.tracesIn() == 0
                ? 0
                : 100.0 * (sampling.tracesIn() - sampling.tracesKept()) / sampling.tracesIn()));
    return md.toString();
  }
}
