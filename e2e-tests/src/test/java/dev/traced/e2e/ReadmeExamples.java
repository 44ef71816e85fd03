package dev.traced.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The examples of README.md, read from the file as a user reads them: the fenced code blocks under
 * a heading, in order.
 */
final class ReadmeExamples {

  private static final Pattern TRACE_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");
  private static final Pattern SPAN_ID = Pattern.compile("\\b[0-9a-f]{16}\\b");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  private static final Pattern ORDER_ID = Pattern.compile("(\"id\":|\\bid=|order\\.id=)\\d+");

  private ReadmeExamples() {}

  /** The fenced code blocks between {@code heading} and the next heading, without fences. */
  static List<String> blocksUnder(String heading) {
    List<String> lines = readme();
    int start = lines.indexOf(heading);
    if (start < 0) {
      throw new AssertionError("README.md has no heading '" + heading + "'");
    }
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (block == null && line.startsWith("#")) {
        break;
      }
      if (line.startsWith("```")) {
        if (block == null) {
          block = new StringBuilder();
        } else {
          blocks.add(block.toString());
          block = null;
        }
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  /**
   * {@code text} with what differs from run to run replaced by its kind: trace and span ids,
   * timestamps, order ids. Two outputs of the same shape are equal after this.
   */
  static String shape(String text) {
    String shaped = TIMESTAMP.matcher(text).replaceAll("<timestamp>");
    shaped = TRACE_ID.matcher(shaped).replaceAll("<trace-id>");
    shaped = SPAN_ID.matcher(shaped).replaceAll("<span-id>");
    return ORDER_ID.matcher(shaped).replaceAll("$1<id>");
  }

  /**
   * Runs a README command block with bash against a system whose gateway is at {@code gateway}
   * ({@code host:port}) instead of the README's {@code localhost:8080}; returns its stdout.
   */
  static String run(String commands, String gateway) {
    return Command.run(
            Duration.ofMinutes(1),
            List.of("bash", "-euo", "pipefail", "-c", commands.replace("localhost:8080", gateway)))
        .orFail()
        .stdout();
  }

  private static List<String> readme() {
    try {
      return Files.readAllLines(RepoFiles.root().resolve("README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
