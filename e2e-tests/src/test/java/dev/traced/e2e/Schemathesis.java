package dev.traced.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Schemathesis, the property-based API tester, run as its {@code st} command against the OpenAPI
 * description a running API serves, and what its reports say. {@code
 * scripts/install-schemathesis.sh} installs the pinned release.
 */
final class Schemathesis {

  /** The release that scripts/install-schemathesis.sh installs: {@value}. */
  static final String VERSION = "4.32.5";

  static final String HOW_TO_GET_IT =
      "run scripts/install-schemathesis.sh (Python 3.10+, PyPI) or set SCHEMATHESIS_BIN";

  /**
   * The checks that fit this API: no 5xx; statuses, content types, headers and bodies as described;
   * bad input refused and good input accepted; a missing required header or an undescribed method
   * refused; no operation that answers without its bearer token; a created order readable at once.
   * Left out: {@code use_after_free} (the API deletes nothing) and {@code
   * object_level_authorization} (it needs a second identity configured; the trace tests cover
   * another user's order).
   */
  static final List<String> CHECKS =
      List.of(
          "not_a_server_error",
          "status_code_conformance",
          "content_type_conformance",
          "response_headers_conformance",
          "response_schema_conformance",
          "negative_data_rejection",
          "positive_data_acceptance",
          "missing_required_header",
          "unsupported_method",
          "allow_header_conformance",
          "ignored_auth",
          "ensure_resource_availability");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stateful phase's line on links; st's output is the only place that says it. */
  private static final Pattern LINKS =
      Pattern.compile("API Links: +(\\d+) covered / \\d+ selected / (\\d+) total");

  /**
   * What one run found, from its JSON and JUnit reports.
   *
   * @param exitCode the exit code of {@code st}
   * @param operations API operations in the description
   * @param operationsTested those of them that were tested
   * @param cases test cases generated and sent, over all phases
   * @param failures unique failures found (JUnit's failures of all operations and the stateful run)
   * @param errors runs that could not be completed (JUnit's errors)
   * @param phases each phase's status: {@code success}, {@code failed}, {@code skipped}, ...
   * @param linksFollowed the description's links that the stateful phase followed
   * @param links the description's links
   * @param warnings each kind of warning Schemathesis gave, with what it concerns
   * @param output what {@code st} printed
   */
  record Outcome(
      int exitCode,
      int operations,
      int operationsTested,
      int cases,
      int failures,
      int errors,
      Map<String, String> phases,
      int linksFollowed,
      int links,
      Map<String, String> warnings,
      String output) {}

  private final Path st;

  Schemathesis(Path st) {
    this.st = st;
  }

  /** {@code SCHEMATHESIS_BIN}, or the install scripts/install-schemathesis.sh caches. */
  static Optional<Path> locate(Map<String, String> env) {
    String configured = env.get("SCHEMATHESIS_BIN");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    Path installed = CachedBuilds.folder(env).resolve("schemathesis-" + VERSION);
    return Files.isRegularFile(installed.resolve(".installed"))
        ? Optional.of(installed.resolve("bin/st"))
        : Optional.empty();
  }

  /** What {@code st --version} says, e.g. {@code st, version 4.32.5}. */
  String version() {
    return Command.run(Duration.ofSeconds(60), List.of(st.toString(), "--version"))
        .orFail()
        .stdout()
        .strip();
  }

  /**
   * Runs every phase (examples, coverage, fuzzing, and the stateful one, which follows the
   * description's links) against the description at {@code description}, sending {@code
   * authorization} as the {@code Authorization} header. One worker and no example database, so that
   * {@code seed} alone decides the inputs; {@code maxExamples} bounds the cases per operation.
   * {@code workDir} is emptied first; st runs there and leaves its reports there.
   */
  Outcome run(
      URI description,
      String authorization,
      long seed,
      int maxExamples,
      Path workDir,
      Duration timeout) {
    try {
      RepoFiles.deleteRecursively(workDir);
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path junit = workDir.resolve("junit.xml");
    Path json = workDir.resolve("report.json");
    List<String> command =
        List.of(
            st.toString(),
            "run",
            description.toString(),
            "--checks=" + String.join(",", CHECKS),
            "--phases=examples,coverage,fuzzing,stateful",
            "--mode=all",
            "--seed=" + seed,
            "--max-examples=" + maxExamples,
            "--workers=1",
            "--generation-database=none",
            "--request-timeout=10",
            "--header=Authorization: " + authorization,
            "--no-color",
            "--report=junit,json",
            "--report-junit-path=" + junit,
            "--report-json-path=" + json);
    Command.Result result = Command.run(timeout, workDir, Map.of(), command);
    String output = result.stdout() + result.stderr();
    Matcher links = LINKS.matcher(output);
    if (!links.find()) {
      throw new IllegalStateException("st named no links followed:\n" + output);
    }
    try {
      Files.writeString(workDir.resolve("st.log"), output);
      JsonNode report = JSON.readTree(json.toFile());
      Element suites =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(junit.toFile())
              .getDocumentElement();
      return new Outcome(
          result.exitCode(),
          report.path("operations").path("selected").asInt(),
          report.path("operations").path("tested").asInt(),
          report.path("test_cases").path("generated").asInt(),
          Integer.parseInt(suites.getAttribute("failures")),
          Integer.parseInt(suites.getAttribute("errors")),
          fields(report.path("phases"), phase -> phase.path("status").asText()),
          Integer.parseInt(links.group(1)),
          Integer.parseInt(links.group(2)),
          nonEmpty(report.path("warnings")),
          output);
    } catch (IOException e) {
      throw new UncheckedIOException("st left no readable report:\n" + output, e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IllegalStateException("st left no readable JUnit report:\n" + output, e);
    }
  }

  private static Map<String, String> fields(JsonNode object, Function<JsonNode, String> value) {
    Map<String, String> fields = new LinkedHashMap<>();
    object.properties().forEach(field -> fields.put(field.getKey(), value.apply(field.getValue())));
    return fields;
  }

  /** The warnings given: each kind comes as a list, empty when it did not occur. */
  private static Map<String, String> nonEmpty(JsonNode warnings) {
    Map<String, String> given = new LinkedHashMap<>();
    warnings
        .properties()
        .forEach(
            kind -> {
              if (!kind.getValue().isEmpty()) {
                given.put(kind.getKey(), kind.getValue().toString());
              }
            });
    return given;
  }
}
