package dev.traced.w3c;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.BadRequestResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One instruction of the harness: POST {@code arguments}, as JSON, to {@code url}.
 *
 * @param url where to send the request, an absolute http(s) URL
 * @param arguments the request body; the harness reads it when the request arrives
 */
record Callback(URI url, JsonNode arguments) {

  private static final ObjectMapper JSON = new ObjectMapper();

  Callback {
    requireNonNull(url, "url");
    requireNonNull(arguments, "arguments");
  }

  /**
   * The instructions in a request body: a JSON array of {@code {"url": ..., "arguments": ...}}
   * objects. Missing or {@code null} arguments are an empty array, as the harness itself reads
   * them. Anything else is a client error, answered with 400.
   */
  static List<Callback> parseAll(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isArray()) {
      throw new BadRequestResponse("the body must be a JSON array of {\"url\", \"arguments\"}");
    }
    List<Callback> callbacks = new ArrayList<>();
    for (JsonNode entry : root) {
      callbacks.add(parse(entry, callbacks.size()));
    }
    return List.copyOf(callbacks);
  }

  private static Callback parse(JsonNode entry, int index) {
    JsonNode url = entry.path("url");
    if (!entry.isObject() || !url.isTextual()) {
      throw new BadRequestResponse("entry " + index + " must be an object with a \"url\" string");
    }
    URI uri;
    try {
      uri = URI.create(url.asText());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("entry " + index + ": \"url\" is not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new BadRequestResponse("entry " + index + ": \"url\" must be an absolute http(s) URL");
    }
    JsonNode arguments = entry.path("arguments");
    return new Callback(
        uri,
        arguments.isMissingNode() || arguments.isNull()
            ? JsonNodeFactory.instance.arrayNode()
            : arguments);
  }
}
