package dev.traced.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's own account of a service's spans, from the line the telemetry module logs when the
 * exporter shuts down: {@code span export: ended=… exported=… failed=… dropped=…}.
 *
 * @param ended sampled spans that ended
 * @param exported spans the exporter delivered
 * @param failed spans whose export failed
 * @param dropped spans that ended but never reached the exporter: its queue was full
 */
public record ExportTally(long ended, long exported, long failed, long dropped) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TALLY =
      Pattern.compile("ended=(\\d+) exported=(\\d+) failed=(\\d+) dropped=(-?\\d+)");

  /** Nothing counted. */
  public static final ExportTally NONE = new ExportTally(0, 0, 0, 0);

  /** The tallies in a service's output, summed: one per process that ran and stopped. */
  public static ExportTally in(List<String> outputLines) {
    ExportTally sum = NONE;
    for (String line : outputLines) {
      if (line.contains("span export:")) {
        Matcher tally = TALLY.matcher(message(line));
        if (tally.find()) {
          sum =
              sum.plus(
                  new ExportTally(
                      Long.parseLong(tally.group(1)),
                      Long.parseLong(tally.group(2)),
                      Long.parseLong(tally.group(3)),
                      Long.parseLong(tally.group(4))));
        }
      }
    }
    return sum;
  }

  /** The two tallies added up. */
  public ExportTally plus(ExportTally other) {
    return new ExportTally(
        ended + other.ended,
        exported + other.exported,
        failed + other.failed,
        dropped + other.dropped);
  }

  private static String message(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node.path("message").asText();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
