package dev.traced.benchmark;

import dev.traced.e2e.Service;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The benchmark report as Markdown: the tables docs/benchmarks.md quotes. */
final class BenchmarkMarkdown {

  private BenchmarkMarkdown() {}

  static String render(BenchmarkReport report) {
    StringBuilder md = new StringBuilder();
    MachineFacts machine = report.machine();
    md.append("# Benchmark report\n\n")
        .append(machine.describe())
        .append(
            String.format(
                Locale.ROOT,
                "Settings: %d rounds (untraced, traced, agent) after %d s warm-up each; saturation %d s at %d workers; "
                    + "latency %d s at half the untraced maximum rate, co-located and then with the "
                    + "services on CPU 0 and Jaeger and the load on the others; "
                    + "completeness %d s at %.0f req/s.%n%n",
                report.settings().rounds(),
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
          .append(target.measured())
          .append(" | ")
          .append(target.met() ? "yes" : "**no**")
          .append(" |\n");
    }

    costs(md, report);
    ratios(md, "Traced over untraced, per round", report.ratios());
    ratios(md, "Traced over the OpenTelemetry Java agent, per round", report.agentRatios());
    contents(md, report.contents());

    md.append(
        "\n## Runs\n\n| Round | Config | req/s at saturation | p50 / p95 / p99 ms at saturation "
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
              run.round(),
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

    floor(md, report.floor());

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

  /** The medians of each configuration side by side: what you get and what it costs. */
  private static void costs(StringBuilder md, BenchmarkReport report) {
    List<String> configs = List.of("untraced", "traced", "agent");
    md.append("\n## What it costs, medians of the rounds\n\n| | ")
        .append(String.join(" | ", configs))
        .append(" |\n|---|---|---|---|\n");
    List<Map.Entry<String, ToDoubleFunction<Benchmark.ConfigRun>>> rows =
        List.of(
            Map.entry("CPU µs per request, three services", run -> run.cpuAtHalfRate().services()),
            Map.entry("req/s at saturation", run -> run.saturation().throughput()),
            Map.entry(
                "p50 ms at half rate, backend isolated",
                run -> run.isolatedAtHalfRate().latencyMs().p50()),
            Map.entry(
                "p95 ms at half rate, backend isolated",
                run -> run.isolatedAtHalfRate().latencyMs().p95()),
            Map.entry("start-up ms, slowest service", run -> BenchmarkReport.max(run.startupMs())),
            Map.entry(
                "RSS MiB under load, three services", run -> BenchmarkReport.sum(run.loadRssMiB())),
            Map.entry(
                "KiB allocated per request, three services",
                run -> run.allocatedBytesPerRequest() / 1024));
    for (Map.Entry<String, ToDoubleFunction<Benchmark.ConfigRun>> row : rows) {
      md.append("| ").append(row.getKey());
      for (String config : configs) {
        md.append(" | ").append(medianOf(report.runs(config), row.getValue()));
      }
      md.append(" |\n");
    }
  }

  /** The floor benchmark's figures, when scripts/bench.sh ran it. */
  private static void floor(StringBuilder md, Floor floor) {
    if (floor == null) {
      return;
    }
    md.append(
        "\n## The floor (JMH, one request in one service)\n\n| Benchmark | ns/op | B/op |\n|---|---|---|\n");
    floor
        .nanosPerOp()
        .forEach(
            (name, nanos) ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| %s | %.0f | %.0f |%n",
                        name,
                        nanos,
                        floor.bytesPerOp().get(name))));
    md.append(
        String.format(
            Locale.ROOT,
            "%nTracing work per request (server + client + JDBC and log line beyond untraced): "
                + "%.0f ns, %.0f B; the floor (%d bare spans): %.0f ns, %.0f B; "
                + "ratio %.2f (time), %.2f (allocation).%n",
            floor.workNanos(),
            floor.workBytes(),
            Floor.SPANS_PER_REQUEST,
            floor.floorNanos(),
            floor.floorBytes(),
            floor.ratio(),
            floor.workBytes() / floor.floorBytes()));
  }

  private static String medianOf(
      List<Benchmark.ConfigRun> runs, ToDoubleFunction<Benchmark.ConfigRun> value) {
    List<Double> sorted = runs.stream().map(value::applyAsDouble).sorted().toList();
    return sorted.isEmpty()
        ? "–"
        : String.format(Locale.ROOT, "%.1f", sorted.get(sorted.size() / 2));
  }

  private static void ratios(StringBuilder md, String title, List<BenchmarkReport.Ratio> ratios) {
    md.append("\n## ").append(title).append("\n\n| Ratio | Median | Rounds |\n|---|---|---|\n");
    for (BenchmarkReport.Ratio ratio : ratios) {
      md.append("| ")
          .append(ratio.name())
          .append(" | ")
          .append(BenchmarkReport.format(ratio.median()))
          .append(" | ")
          .append(
              ratio.rounds().stream()
                  .map(BenchmarkReport::format)
                  .collect(Collectors.joining(", ")))
          .append(" |\n");
    }
  }

  /** What each configuration made of one created order: totals, then every span. */
  private static void contents(StringBuilder md, List<SpanContent> contents) {
    if (contents.isEmpty()) {
      return;
    }
    md.append("\n## What you get for one created order\n\n| |");
    contents.forEach(content -> md.append(" ").append(content.config()).append(" |"));
    md.append("\n|---|").append("---|".repeat(contents.size())).append("\n");
    List<Map.Entry<String, Function<SpanContent, Object>>> rows =
        List.of(
            Map.entry("spans", content -> content.spans().size()),
            Map.entry("SERVER spans", content -> content.count("server")),
            Map.entry("… with `http.route`", SpanContent::serverSpansWithRoute),
            Map.entry("CLIENT spans (HTTP and database)", content -> content.count("client")),
            Map.entry("INTERNAL spans", content -> content.count("internal")),
            Map.entry("database spans", SpanContent::databaseSpans),
            Map.entry("attributes, all spans", SpanContent::attributes),
            Map.entry("events (log lines, exceptions) on spans", SpanContent::events),
            Map.entry(
                "JSON log lines with the `trace_id` (gateway, auth, order)",
                content -> triple(content.logLinesWithTraceId(), "%d")));
    for (Map.Entry<String, Function<SpanContent, Object>> row : rows) {
      md.append("| ").append(row.getKey());
      contents.forEach(content -> md.append(" | ").append(row.getValue().apply(content)));
      md.append(" |\n");
    }
    for (SpanContent content : contents) {
      for (SpanContent other : contents) {
        if (other != content) {
          String onlyHere =
              content.attributeKeysNotIn(other).stream()
                  .map(key -> "`" + key + "`")
                  .collect(Collectors.joining(", "));
          md.append(
              String.format(
                  Locale.ROOT,
                  "%nAttribute keys on %s spans only: %s.%n",
                  content.config(),
                  onlyHere.isEmpty() ? "none" : onlyHere));
        }
      }
    }
    for (SpanContent content : contents) {
      md.append("\nSpans of the ")
          .append(content.config())
          .append(
              " trace:\n\n| Service | Kind | Name | `http.route` | Database | Attributes | Events |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (SpanContent.Row row : content.spans()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %d | %d |%n",
                row.service(),
                row.kind(),
                row.name().replace("|", "\\|"),
                row.route() == null ? "" : row.route(),
                row.database() == null ? "" : row.database(),
                row.attributeKeys().size(),
                row.events()));
      }
    }
  }

  private static String triple(Map<Service, ? extends Number> values, String format) {
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
