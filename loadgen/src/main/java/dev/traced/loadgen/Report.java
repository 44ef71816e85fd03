package dev.traced.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the numbers into what people and scripts read: progress lines, the summary, the JSON
 * report.
 */
public final class Report {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Report() {}

  /** One plain-text progress line, e.g. {@code [ 10s] sent 20 2.0 req/s p50 3.10 ms ...}. */
  public static String progressLine(Progress p) {
    return String.format(
        Locale.ROOT,
        "[%5ds] sent %d  %.1f req/s  p50 %.2f ms  p99 %.2f ms  errors %d  dropped %d%s",
        p.elapsed().toSeconds(),
        p.sent(),
        p.throughput(),
        p.p50Ms(),
        p.p99Ms(),
        p.errors(),
        p.dropped(),
        p.warmingUp() ? "  (warm-up)" : "");
  }

  /** The final summary as plain text, several lines ending with a line break. */
  public static String text(Summary s) {
    StringBuilder out = new StringBuilder();
    String pacing =
        "open".equals(s.mode())
            ? "open loop at "
                + number(s.targetRate())
                + " req/s, at most "
                + s.concurrency()
                + " in flight"
            : "closed loop, " + s.concurrency() + " workers";
    Summary.Latency l = s.latencyMs();
    line(out, "loadgen summary: %s, %s", s.gatewayUrl(), pacing);
    line(
        out,
        "  duration    %.1f s measured (warm-up of %s s left out: %d requests)",
        s.durationSeconds(),
        number(s.warmupSeconds()),
        s.warmupRequests());
    line(
        out,
        "  requests    %d  %.2f req/s  dropped %d  logins %d",
        s.requests(),
        s.throughput(),
        s.dropped(),
        s.logins());
    line(
        out,
        "  latency     p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms",
        l.p50(),
        l.p90(),
        l.p95(),
        l.p99(),
        l.p999(),
        l.max());
    line(out, "  statuses    %s", statuses(s.statuses()));
    line(out, "  expected    %d", s.expected());
    line(
        out,
        "  errors      %d  (unexpected status %d, transport %d)",
        s.errors(),
        s.unexpected(),
        s.transportErrors());
    line(
        out,
        "  %-18s %9s %11s %10s %9s %9s  %s",
        "scenario",
        "requests",
        "unexpected",
        "transport",
        "p50 ms",
        "p99 ms",
        "statuses");
    s.scenarios()
        .forEach(
            (name, sc) ->
                line(
                    out,
                    "  %-18s %9d %11d %10d %9.2f %9.2f  %s",
                    name,
                    sc.requests(),
                    sc.unexpected(),
                    sc.transportErrors(),
                    sc.p50Ms(),
                    sc.p99Ms(),
                    statuses(sc.statuses())));
    return out.toString();
  }

  /** Writes {@code summary} as JSON to {@code file}, making its directory if needed. */
  public static void writeJson(Summary summary, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    JSON.writeValue(file.toFile(), summary);
  }

  /** {@code value} without a needless fraction: {@code 2} rather than {@code 2.0}. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String statuses(Map<String, Long> counts) {
    return counts.isEmpty()
        ? "-"
        : counts.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
