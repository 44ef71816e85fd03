package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's quick start held to a real run: its commands are run as written (against the test's
 * gateway port), and what it shows must be what the system answers, logs and traces, up to ids and
 * times.
 */
final class ReadmeChecks {

  static final String CREATE_ORDER = "### 1. Log in and create an order";
  static final String FIND_TRACE = "### 2. Find the trace in Jaeger";
  static final String FIND_LOGS = "### 3. Find that request's log lines in all three services";
  static final String ERRORS = "### Errors";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TRACERESPONSE =
      Pattern.compile("(?im)^traceresponse: 00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

  /** One line of the README's trace tree: {@code service operation KIND key=value ...}. */
  private record TreeLine(
      int depth, String service, String operation, String kind, List<String> tags) {

    static TreeLine parse(String line) {
      int start = 0;
      while (start < line.length() && " └├│".indexOf(line.charAt(start)) >= 0) {
        start++;
      }
      String[] columns = line.substring(start).split(" {2,}");
      return new TreeLine(
          start / 2,
          columns[0],
          columns[1],
          columns[2].toLowerCase(),
          List.of(columns).subList(3, columns.length));
    }
  }

  private ReadmeChecks() {}

  /**
   * Runs the login and create-order commands, twice: the first answer shows the lines the README
   * shows, the second is the same order replayed. Returns the trace id of the first.
   */
  static String createOrderAsShown(URI gateway) {
    List<String> blocks = ReadmeExamples.blocksUnder(CREATE_ORDER);
    String commands = blocks.get(0);

    String created = withoutCarriageReturns(ReadmeExamples.run(commands, gateway.getAuthority()));
    assertShowsInOrder(created, blocks.get(1));
    String replayed = withoutCarriageReturns(ReadmeExamples.run(commands, gateway.getAuthority()));
    assertThat(replayed)
        .startsWith("HTTP/1.1 200 OK\n")
        .containsIgnoringCase("\nIdempotent-Replayed: true\n");
    assertThat(body(replayed)).isEqualTo(body(created));

    Matcher traceresponse = TRACERESPONSE.matcher(created);
    assertThat(traceresponse.find()).as(created).isTrue();
    return traceresponse.group(1);
  }

  /** The README's span tree is {@code trace}: every span, its parent, name, kind and tags. */
  static void assertTraceAsShown(JaegerTrace trace) {
    List<TreeLine> lines =
        ReadmeExamples.blocksUnder(FIND_TRACE).get(0).lines().map(TreeLine::parse).toList();
    List<JaegerSpan> path = new ArrayList<>();
    for (TreeLine line : lines) {
      String parentId = line.depth() == 0 ? null : path.get(line.depth() - 1).spanId();
      JaegerSpan span =
          trace.spans().stream()
              .filter(candidate -> Objects.equals(candidate.parentSpanId(), parentId))
              .filter(candidate -> matches(candidate, line))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no span like " + line + " in " + trace.spans()));
      path.subList(line.depth(), path.size()).clear();
      path.add(span);
    }
    assertThat(trace.spans()).as("the README shows every span").hasSize(lines.size());
  }

  /** The README's log line is one that order-service wrote for the trace, up to ids and times. */
  static void assertLogLineAsShown(List<String> orderServiceOutput, String traceId)
      throws Exception {
    ObjectNode shown = (ObjectNode) JSON.readTree(ReadmeExamples.blocksUnder(FIND_LOGS).get(0));
    List<ObjectNode> written = new ArrayList<>();
    for (String line : orderServiceOutput) {
      if (line.contains(traceId)) {
        written.add((ObjectNode) JSON.readTree(line));
      }
    }
    ObjectNode actual =
        written.stream()
            .filter(line -> shape(line.path("message")).equals(shape(shown.path("message"))))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line like " + shown + " in " + written));
    // The pool thread that served the request differs from run to run.
    shown.set("thread_name", actual.get("thread_name"));
    assertThat(shapeOf(actual)).isEqualTo(shapeOf(shown));
  }

  /** The README's error example is what its command gets. */
  static void assertErrorAsShown(URI gateway) {
    List<String> blocks = ReadmeExamples.blocksUnder(ERRORS);
    String answer = ReadmeExamples.run(blocks.get(0), gateway.getAuthority());
    assertThat(ReadmeExamples.shape(answer.strip()))
        .isEqualTo(ReadmeExamples.shape(blocks.get(1).strip()));
  }

  private static boolean matches(JaegerSpan span, TreeLine line) {
    if (!span.service().equals(line.service())
        || !span.operation().equals(line.operation())
        || !span.kind().equals(line.kind())) {
      return false;
    }
    for (String tag : line.tags()) {
      String[] keyValue = tag.split("=", 2);
      String actual = span.tag(keyValue[0]);
      String shown = keyValue[1];
      boolean same =
          actual != null
              && (shown.endsWith("...")
                  ? actual.startsWith(shown.substring(0, shown.length() - 3))
                  : ReadmeExamples.shape(keyValue[0] + "=" + actual)
                      .equals(ReadmeExamples.shape(tag)));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** Each line the README shows is in {@code output}, in the same order, up to ids and times. */
  private static void assertShowsInOrder(String output, String shown) {
    List<String> actual = output.lines().map(ReadmeExamples::shape).toList();
    int next = 0;
    for (String line : shown.lines().map(ReadmeExamples::shape).toList()) {
      int found = actual.subList(next, actual.size()).indexOf(line);
      assertThat(found)
          .as("'%s' in the real output, after line %d:%n%s", line, next, output)
          .isNotNegative();
      next += found + 1;
    }
  }

  private static String withoutCarriageReturns(String text) {
    return text.replace("\r", "");
  }

  private static String body(String httpResponse) {
    return httpResponse.substring(httpResponse.indexOf("\n\n") + 2);
  }

  private static String shape(JsonNode text) {
    return ReadmeExamples.shape(text.asText());
  }

  private static ObjectNode shapeOf(ObjectNode line) {
    ObjectNode shaped = line.deepCopy();
    line.fields()
        .forEachRemaining(
            field -> shaped.set(field.getKey(), new TextNode(shape(field.getValue()))));
    return shaped;
  }
}
