package dev.traced.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report's picture, an SVG that any browser or Markdown viewer shows: CPU time per request of
 * the three services, and the latency percentiles at half rate with the backend isolated, for each
 * configuration: untraced, traced by the project, traced by the OpenTelemetry Java agent. Bars are
 * medians over the rounds; the thin line on each spans the lowest to the highest round.
 */
final class BenchmarkChart {

  private static final int WIDTH = 760;
  private static final int PANEL_HEIGHT = 220;
  private static final int LEFT = 70;
  private static final int TOP = 40;
  private static final int GAP = 90;
  private static final String[] COLORS = {"#7f8c8d", "#2e86c1", "#d35400"};

  private BenchmarkChart() {}

  /** The chart of {@code report} as an SVG document. */
  static String render(BenchmarkReport report) {
    List<String> configs = List.of("untraced", "traced", "agent");
    StringBuilder svg = new StringBuilder();
    int height = TOP + 2 * (PANEL_HEIGHT + GAP);
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                height))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    panel(
        svg,
        report,
        TOP,
        "CPU time per request, three services (µs, at half rate)",
        configs,
        List.of(new Series("CPU µs", run -> run.cpuAtHalfRate().services())));
    panel(
        svg,
        report,
        TOP + PANEL_HEIGHT + GAP,
        "Latency at half rate, backend isolated (ms)",
        configs,
        List.of(
            new Series("p50", run -> run.isolatedAtHalfRate().latencyMs().p50()),
            new Series("p95", run -> run.isolatedAtHalfRate().latencyMs().p95()),
            new Series("p99", run -> run.isolatedAtHalfRate().latencyMs().p99())));
    return svg.append("</svg>\n").toString();
  }

  /** One bar per configuration and series. */
  private record Series(String name, ToDoubleFunction<Benchmark.ConfigRun> value) {}

  private static void panel(
      StringBuilder svg,
      BenchmarkReport report,
      int top,
      String title,
      List<String> configs,
      List<Series> series) {
    double max = 0;
    List<double[]> bars = new ArrayList<>(); // median, low, high per config and series
    for (String config : configs) {
      List<Benchmark.ConfigRun> runs =
          report.runs().stream().filter(run -> run.config().equals(config)).toList();
      for (Series one : series) {
        List<Double> values =
            runs.stream().map(run -> one.value().applyAsDouble(run)).sorted().toList();
        double[] bar = {
          values.get(values.size() / 2), values.get(0), values.get(values.size() - 1)
        };
        bars.add(bar);
        max = Math.max(max, bar[2]);
      }
    }
    int plotWidth = WIDTH - LEFT - 20;
    int groupWidth = plotWidth / configs.size();
    int barWidth = Math.min(60, (groupWidth - 40) / series.size());
    svg.append(text(LEFT, top - 12, title, "bold"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
            LEFT,
            top + PANEL_HEIGHT,
            WIDTH - 20,
            top + PANEL_HEIGHT));
    svg.append(text(8, top + 10, label(max), null));
    svg.append(text(8, top + PANEL_HEIGHT, "0", null));
    for (int c = 0; c < configs.size(); c++) {
      int groupLeft = LEFT + c * groupWidth + 20;
      svg.append(text(groupLeft, top + PANEL_HEIGHT + 18, configs.get(c), "bold"));
      for (int s = 0; s < series.size(); s++) {
        double[] bar = bars.get(c * series.size() + s);
        int x = groupLeft + s * (barWidth + 8);
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>%n",
                x,
                y(top, bar[0], max),
                barWidth,
                top + PANEL_HEIGHT - y(top, bar[0], max),
                COLORS[s % COLORS.length]));
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                x + barWidth / 2,
                y(top, bar[1], max),
                x + barWidth / 2,
                y(top, bar[2], max)));
        svg.append(text(x, y(top, bar[2], max) - 4, label(bar[0]), null));
        svg.append(text(x, top + PANEL_HEIGHT + 34, series.get(s).name(), null));
      }
    }
  }

  /** Whole numbers from 100 up, one decimal below. */
  private static String label(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
  }

  private static double y(int top, double value, double max) {
    return top + PANEL_HEIGHT - (max == 0 ? 0 : value / max * PANEL_HEIGHT);
  }

  private static String text(double x, double y, String text, String weight) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n",
        x,
        y,
        weight == null ? "" : " font-weight=\"" + weight + "\"",
        text.replace("&", "&amp;").replace("<", "&lt;"));
  }
}
