package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A service's output read as what it must be: one JSON object per line, nothing else. */
final class LogLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LogLines() {}

  /** Every line of {@code output} as a JSON object; fails on the first line that is not one. */
  static List<JsonNode> parseAll(List<String> output, String source) {
    List<JsonNode> lines = new ArrayList<>();
    for (int i = 0; i < output.size(); i++) {
      try {
        JsonNode line = JSON.readTree(output.get(i));
        assertThat(line != null && line.isObject())
            .as("%s line %d is a JSON object: %s", source, i + 1, output.get(i))
            .isTrue();
        lines.add(line);
      } catch (JsonProcessingException e) {
        fail("%s line %d is not JSON: %s", source, i + 1, output.get(i));
      }
    }
    return lines;
  }
}
