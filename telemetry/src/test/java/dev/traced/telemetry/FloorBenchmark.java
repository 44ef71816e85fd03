package dev.traced.telemetry;

import dev.traced.telemetry.http.ImmediateHttpClient;
import dev.traced.telemetry.http.JavaHttpClientTelemetry;
import dev.traced.telemetry.javalin.ServerSpanWork;
import dev.traced.telemetry.jdbc.StandInDataSource;
import dev.traced.telemetry.jdbc.TracedDataSource;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracing work one request does in one service, against the floor: bare spans of the same SDK.
 *
 * <p>The request is auth-service's: it arrives with {@code traceparent} and {@code baggage}, makes
 * one outgoing HTTP call and one JDBC statement, and logs one line. Every benchmark uses the SDK
 * that {@link TelemetrySdk} builds for production (batch processor, baggage processor, export
 * counts, log lines as span events) with an exporter that discards, so no network is involved.
 *
 * <ul>
 *   <li>{@code serverSpan}: the SERVER span, through the plugin's filter;
 *   <li>{@code clientSpan}: the CLIENT span of a call through {@link JavaHttpClientTelemetry}, with
 *       the headers injected, over a client that answers at once;
 *   <li>{@code jdbcSpan} minus {@code jdbcUntraced}: the span of one statement through {@link
 *       TracedDataSource}, over a stand-in database;
 *   <li>{@code logLine} minus {@code logLineUntraced}: what tracing adds to one JSON log line
 *       (trace ids and baggage in the line, the line as a span event);
 *   <li>{@code bareSpan}: the floor, {@code spanBuilder("x").startSpan().end()}.
 * </ul>
 *
 * The README of this module tells how to run it and how to read the ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-DLOG_SPAN_EVENTS_LEVEL=INFO")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class FloorBenchmark {

  private static final Logger log = LoggerFactory.getLogger(FloorBenchmark.class);

  private static final String STATEMENT = "select id, item, quantity from orders where id = ?";

  private final PrintStream stdout = System.out;

  private OpenTelemetrySdk sdk;
  private Tracer tracer;
  private ServerSpanWork server;
  private HttpClient http;
  private HttpRequest call;
  private DataSource database;
  private DataSource tracedDatabase;

  @Setup
  public void setUp() {
    // The JSON lines go nowhere; logback's console appender looks up System.out on every write.
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    // As TelemetrySdk.autoconfigure does: the SDK's own warnings (the batch queue overflows at
    // benchmark rates) become JSON lines too, instead of stderr text.
    JsonLogs.routeJavaUtilLogging();
    sdk = TelemetrySdk.builder("bench").spanExporter(new DiscardingExporter()).build();
    JsonLogs.setServiceName("bench");
    JsonLogs.sendToSpans(sdk);
    tracer = sdk.getTracer("bench");
    server = ServerSpanWork.create(sdk);
    http = JavaHttpClientTelemetry.create(sdk).newHttpClient(new ImmediateHttpClient());
    call =
        HttpRequest.newBuilder(URI.create("http://order-service:8082/orders"))
            .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "3f2b1c9e-7a51-4d0c-9a55-1f0e6f0f2b11")
            .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"quantity\":1}"))
            .build();
    database = StandInDataSource.create();
    tracedDatabase = TracedDataSource.wrap(sdk, database);
  }

  @TearDown
  public void tearDown() {
    sdk.close();
    System.setOut(stdout);
  }

  /**
   * The context a handler runs in: the SERVER span of its request and the baggage it received,
   * current on the benchmark thread. Log lines add events to this span; past the SDK's limit of 128
   * events per span it counts them instead of keeping them, which costs a little less.
   */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class InRequest {
    private Span span;
    private Scope scope;

    @Setup(Level.Iteration)
    public void enter(FloorBenchmark benchmark) {
      span = benchmark.tracer.spanBuilder("POST /login").setSpanKind(SpanKind.SERVER).startSpan();
      Baggage baggage = Baggage.builder().put("demo.scenario", "normal").build();
      scope = Context.root().with(span).with(baggage).makeCurrent();
    }

    @TearDown(Level.Iteration)
    public void leave() {
      scope.close();
      span.end();
    }
  }

  /** The SERVER span of one request: extract, start, current during the handler, end. */
  @Benchmark
  public void serverSpan() throws Exception {
    server.run();
  }

  /** The CLIENT span of one call to the next service, headers injected; no network. */
  @Benchmark
  public HttpResponse<Void> clientSpan(InRequest request) throws Exception {
    return http.send(call, HttpResponse.BodyHandlers.discarding());
  }

  /** One statement through the traced data source, over the stand-in database. */
  @Benchmark
  public boolean jdbcSpan(InRequest request) throws SQLException {
    return query(tracedDatabase);
  }

  /** The same statement without tracing: what {@link #jdbcSpan} costs beside its span. */
  @Benchmark
  public boolean jdbcUntraced(InRequest request) throws SQLException {
    return query(database);
  }

  /** One JSON line logged inside a request: trace ids and baggage in it, a span event of it. */
  @Benchmark
  public void logLine(InRequest request) {
    log.info("forwarding to order-service");
  }

  /** The same line with no span current: what {@link #logLine} costs beside tracing. */
  @Benchmark
  public void logLineUntraced() {
    log.info("forwarding to order-service");
  }

  /** The floor: a bare span of the same SDK, through the same processors. */
  @Benchmark
  public void bareSpan() {
    tracer.spanBuilder("x").startSpan().end();
  }

  private static boolean query(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(STATEMENT)) {
      statement.setLong(1, 42);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Takes every batch and drops it: production's processors run, no network does. */
  private static final class DiscardingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
