package dev.traced.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.e2e.JaegerQuery;
import dev.traced.e2e.JaegerSpan;
import dev.traced.e2e.JaegerTrace;
import dev.traced.e2e.Service;
import dev.traced.loadgen.ApiClient;
import dev.traced.loadgen.Credentials;
import dev.traced.loadgen.LoadConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * What one configuration's tracing produces for one created order: the spans Jaeger holds, and the
 * log lines that carry the trace id. The same request goes to every configuration, so the rows of
 * the report compare like with like.
 *
 * @param config the configuration
 * @param traceId the trace of the order
 * @param spans every span of the trace, gateway first
 * @param logLinesWithTraceId per service, the JSON log lines whose {@code trace_id} is the trace's
 */
record SpanContent(
    String config, String traceId, List<Row> spans, Map<Service, Long> logLinesWithTraceId) {

  /**
   * One span as the report lists it.
   *
   * @param service the service that reported it
   * @param kind {@code server}, {@code client} or {@code internal}
   * @param name the span name
   * @param route {@code http.route}, or {@code null}
   * @param database {@code db.system.name} (or the older {@code db.system}), or {@code null}
   * @param attributeKeys the keys of the span's attributes, kind, status and scope not counted
   * @param events how many events (log lines, exceptions) the span holds
   */
  record Row(
      String service,
      String kind,
      String name,
      String route,
      String database,
      SortedSet<String> attributeKeys,
      int events) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Jaeger's tags for kind, status and scope: not attributes the instrumentation chose. */
  private static final List<String> JAEGER_TAGS =
      List.of(
          "span.kind",
          "error",
          "otel.status_code",
          "otel.status_description",
          "otel.scope.name",
          "otel.scope.version",
          "internal.span.format");

  /** The order rows are listed in: by service along the chain, servers before clients. */
  private static final Comparator<Row> CHAIN_ORDER =
      Comparator.comparingInt((Row row) -> chainPosition(row.service()))
          .thenComparing(row -> List.of("server", "internal", "client").indexOf(row.kind()));

  /**
   * Logs in as the first demo user, creates one order under a fresh {@code traceparent}, and
   * returns the trace id the order went into. The project's gateway restarts a caller's trace and
   * names the new one in {@code traceresponse}; the agent sends no such header and continues the
   * caller's trace, so without the header it is the one sent.
   */
  static String createOneOrder(URI gateway) throws Exception {
    Credentials user = Credentials.parseList(LoadConfig.DEFAULT_USERS).get(0);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    String token;
    try {
      token = ApiClient.accessToken(ApiClient.create(gateway, executor).login(user));
    } finally {
      executor.shutdown();
    }
    HexFormat hex = HexFormat.of();
    byte[] traceId = new byte[16];
    byte[] spanId = new byte[8];
    ThreadLocalRandom.current().nextBytes(traceId);
    ThreadLocalRandom.current().nextBytes(spanId);
    String sentTraceId = hex.formatHex(traceId);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(gateway.resolve("/api/orders"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header(
                        "traceparent", "00-" + sentTraceId + "-" + hex.formatHex(spanId) + "-01")
                    .POST(
                        HttpRequest.BodyPublishers.ofString("{\"item\":\"teapot\",\"quantity\":1}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "creating the probe order answered " + response.statusCode() + ": " + response.body());
    }
    return response
        .headers()
        .firstValue("traceresponse")
        .map(value -> value.split("-")[1])
        .orElse(sentTraceId);
  }

  /**
   * The content of {@code traceId} in Jaeger once it is whole, and the lines of the services' logs
   * in {@code logDir}. Whole means: spans of all three services, and every span's parent in the
   * trace but one, the root's.
   */
  static SpanContent await(String config, String traceId, JaegerQuery jaeger, Path logDir)
      throws IOException {
    // The embedded database's file is named after the run's folder: keep machine paths out.
    String runFolder = logDir.toAbsolutePath().toString();
    JaegerTrace trace =
        Awaitility.await("the whole trace " + traceId + " in Jaeger")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> jaeger.trace(traceId), SpanContent::isWhole);
    List<Row> rows = new ArrayList<>();
    for (JaegerSpan span : trace.spans()) {
      Map<String, String> tags = span.tags();
      rows.add(
          new Row(
              span.service(),
              tags.getOrDefault("span.kind", "internal"),
              span.operation().replace(runFolder, "<run>"),
              tags.get("http.route"),
              tags.getOrDefault("db.system.name", tags.get("db.system")),
              tags.keySet().stream()
                  .filter(key -> !JAEGER_TAGS.contains(key))
                  .collect(Collectors.toCollection(TreeSet::new)),
              span.logs().size()));
    }
    rows.sort(CHAIN_ORDER);
    Map<Service, Long> logLines = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      logLines.put(
          service, linesWithTraceId(logDir.resolve(service.serviceName + ".log"), traceId));
    }
    return new SpanContent(config, traceId, rows, logLines);
  }

  long count(String kind) {
    return spans.stream().filter(row -> row.kind().equals(kind)).count();
  }

  long databaseSpans() {
    return spans.stream().filter(row -> row.database() != null).count();
  }

  long serverSpansWithRoute() {
    return spans.stream().filter(row -> row.kind().equals("server") && row.route() != null).count();
  }

  long attributes() {
    return spans.stream().mapToLong(row -> row.attributeKeys().size()).sum();
  }

  /** The attribute keys that appear on some span of this trace and on none of {@code other}'s. */
  SortedSet<String> attributeKeysNotIn(SpanContent other) {
    SortedSet<String> keys = attributeKeys();
    keys.removeAll(other.attributeKeys());
    return keys;
  }

  private SortedSet<String> attributeKeys() {
    SortedSet<String> keys = new TreeSet<>();
    spans.forEach(row -> keys.addAll(row.attributeKeys()));
    return keys;
  }

  long events() {
    return spans.stream().mapToLong(Row::events).sum();
  }

  long logLines() {
    return logLinesWithTraceId.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether this content has at least every kind of thing {@code other} has, as many times. */
  boolean atLeast(SpanContent other) {
    return spans.size() >= other.spans.size()
        && count("server") >= other.count("server")
        && count("client") >= other.count("client")
        && serverSpansWithRoute() >= other.serverSpansWithRoute()
        && databaseSpans() >= other.databaseSpans()
        && events() >= other.events()
        && logLines() >= other.logLines();
  }

  private static boolean isWhole(JaegerTrace trace) {
    Set<String> spanIds =
        trace.spans().stream().map(JaegerSpan::spanId).collect(Collectors.toSet());
    Set<String> services =
        trace.spans().stream().map(JaegerSpan::service).collect(Collectors.toSet());
    long roots =
        trace.spans().stream().filter(span -> !spanIds.contains(span.parentSpanId())).count();
    return roots == 1 && services.size() == Service.values().length;
  }

  private static int chainPosition(String serviceName) {
    for (Service service : Service.values()) {
      if (service.serviceName.equals(serviceName)) {
        return service.ordinal();
      }
    }
    return Service.values().length;
  }

  private static long linesWithTraceId(Path log, String traceId) throws IOException {
    if (!Files.isRegularFile(log)) {
      return 0;
    }
    long count = 0;
    for (String line : Files.readAllLines(log)) {
      // The agent and the JVM write plain lines too; only the JSON log lines count.
      if (line.startsWith("{")) {
        JsonNode json = JSON.readTree(line);
        if (traceId.equals(json.path("trace_id").asText())) {
          count++;
        }
      }
    }
    return count;
  }
}
