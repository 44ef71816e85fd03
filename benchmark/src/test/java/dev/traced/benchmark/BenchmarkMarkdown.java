package dev.traced.benchmark;

import dev.traced.e2e.Service;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark report as Markdown: the tables docs/benchmarks.md quotes. */
final class BenchmarkMarkdown {

  private BenchmarkMarkdown() {}

  static String render(BenchmarkReport report) {
    StringBuilder md = new StringBuilder();
    MachineFacts machine = report.machine();
    md.append("# Benchmark report\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Machine: %d cores, %d MiB, %s; %s; %s.%n%n",
                machine.cores(),
                machine.memoryMiB(),
                machine.cpu(),
                machine.jdk(),
                machine.os()))
        .append(
            String.format(
                Locale.ROOT,
                "Settings: %d pairs (untraced, traced) after %d s warm-up each; saturation %d s at %d workers; "
                    + "latency %d s at half the untraced maximum rate, co-located and then with the "
                    + "services on CPU 0 and Jaeger and the load on the others; "
                    + "completeness %d s at %.0f req/s.%n%n",
                report.settings().pairs(),
                report.settings().warmup().toSeconds(),
                report.settings().saturation().toSeconds(),
                report.settings().concurrency(),
                report.settings().latency().toSeconds(),
                report.settings().completeness().toSeconds(),
                report.settings().completenessRate()));

    md.append("## Targets\n\n| Target | Goal | Measured | Met |\n|---|---|---|---|\n");
    for (BenchmarkReport.Target target : report.targets()) {
      md.append("| ")
          .append(target.name())
          .append(" | ")
          .append(target.goal())
          .append(" | ")
          .append(BenchmarkReport.format(target.measured()))
          .append(" | ")
          .append(target.met() ? "yes" : "**no**")
          .append(" |\n");
    }

    md.append("\n## Traced over untraced, per pair\n\n| Ratio | Median | Pairs |\n|---|---|---|\n");
    for (BenchmarkReport.Ratio ratio : report.ratios()) {
      md.append("| ")
          .append(ratio.name())
          .append(" | ")
          .append(BenchmarkReport.format(ratio.median()))
          .append(" | ")
          .append(
              ratio.pairs().stream().map(BenchmarkReport::format).collect(Collectors.joining(", ")))
          .append(" |\n");
    }

    md.append(
        "\n## Runs\n\n| Pair | Config | req/s at saturation | p50 / p95 / p99 ms at saturation "
            + "| rate | p50 / p95 / p99 ms at that rate | CPU µs per request: services / Jaeger / load "
            + "| isolated rate | p50 / p95 / p99 ms at that rate, backend isolated "
            + "| start-up ms (gateway, auth, order) "
            + "| RSS MiB idle → load (gateway, auth, order) | KiB allocated per request |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Benchmark.ConfigRun run : report.runs()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.0f | %.1f / %.1f / %.1f | %.0f | %.1f / %.1f / %.1f | %.0f / %.0f / %.0f "
                  + "| %.0f | %.1f / %.1f / %.1f | %s | %s | %.1f |%n",
              run.pair(),
              run.config(),
              run.saturation().throughput(),
              run.saturation().latencyMs().p50(),
              run.saturation().latencyMs().p95(),
              run.saturation().latencyMs().p99(),
              run.halfRate(),
              run.atHalfRate().latencyMs().p50(),
              run.atHalfRate().latencyMs().p95(),
              run.atHalfRate().latencyMs().p99(),
              run.cpuAtHalfRate().services(),
              run.cpuAtHalfRate().jaeger(),
              run.cpuAtHalfRate().load(),
              run.isolatedHalfRate(),
              run.isolatedAtHalfRate().latencyMs().p50(),
              run.isolatedAtHalfRate().latencyMs().p95(),
              run.isolatedAtHalfRate().latencyMs().p99(),
              triple(run.startupMs(), "%.0f"),
              rss(run),
              run.allocatedBytesPerRequest() / 1024));
    }

    BenchmarkReport.Completeness c = report.completeness();
    md.append("\n## Span completeness and freshness (traced)\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "| Requests | Rate | Spans expected | Spans in Jaeger | Lost | Incomplete traces "
                    + "| SDK ended / exported / failed / dropped | Freshness p50 / p95 ms |%n"
                    + "|---|---|---|---|---|---|---|---|%n"
                    + "| %d | %.1f req/s for %.0f s | %d | %d | %d | %d | %d / %d / %d / %d | %.0f / %.0f |%n",
                c.requests(),
                c.achievedRate(),
                c.seconds(),
                c.expectedSpans(),
                c.storedSpans(),
                c.lostSpans(),
                c.incompleteTraces(),
                c.sdkEnded(),
                c.sdkExported(),
                c.sdkFailed(),
                c.sdkDropped(),
                c.freshnessP50Ms(),
                c.freshnessP95Ms()))
        .append(
            String.format(
                Locale.ROOT,
                "%nJaeger resident memory: %.0f MiB idle, %.0f MiB after the runs.%n",
                report.jaegerIdleRssMiB(),
                report.jaegerLoadRssMiB()));
    return md.toString();
  }

  private static String triple(Map<Service, Double> values, String format) {
    return String.format(
        Locale.ROOT,
        format + ", " + format + ", " + format,
        values.get(Service.GATEWAY),
        values.get(Service.AUTH),
        values.get(Service.ORDER));
  }

  private static String rss(Benchmark.ConfigRun run) {
    return String.format(
        Locale.ROOT,
        "%.0f → %.0f, %.0f → %.0f, %.0f → %.0f",
        run.idleRssMiB().get(Service.GATEWAY),
        run.loadRssMiB().get(Service.GATEWAY),
        run.idleRssMiB().get(Service.AUTH),
        run.loadRssMiB().get(Service.AUTH),
        run.idleRssMiB().get(Service.ORDER),
        run.loadRssMiB().get(Service.ORDER));
  }
}
