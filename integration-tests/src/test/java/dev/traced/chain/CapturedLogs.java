package dev.traced.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything written to stdout while it is open, still passed on to the real stdout. The services'
 * logback console appender looks up {@code System.out} on every write, so this sees their JSON
 * lines exactly as a log shipper would.
 */
final class CapturedLogs implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream original = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  CapturedLogs() {
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (captured) {
              captured.write(b);
            }
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            synchronized (captured) {
              captured.write(bytes, offset, length);
            }
          }
        };
    System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** Every line written so far. */
  List<String> lines() {
    String text;
    synchronized (captured) {
      text = captured.toString(StandardCharsets.UTF_8);
    }
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  /** Every line parsed as JSON; fails on a line that is not one JSON object. */
  List<JsonNode> json() {
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : lines()) {
      try {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
          throw new AssertionError("log line is not a JSON object: " + line);
        }
        parsed.add(node);
      } catch (IOException e) {
        throw new UncheckedIOException("log line is not JSON: " + line, e);
      }
    }
    return parsed;
  }

  /** The JSON lines that carry {@code traceId}. */
  List<JsonNode> ofTrace(String traceId) {
    return json().stream().filter(line -> traceId.equals(line.path("trace_id").asText())).toList();
  }

  @Override
  public void close() {
    System.setOut(original);
  }
}
