package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.traced.e2e.NetworkFaults.Answer;
import dev.traced.e2e.NetworkFaults.Hop;
import dev.traced.e2e.NetworkFaults.Measured;
import dev.traced.e2e.NetworkFaults.Row;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Network faults on every hop: the three services, the real Jaeger and PostgreSQL, with a real
 * Toxiproxy between gateway and auth, auth and order, order and PostgreSQL, and the services and
 * Jaeger. Each row of the table puts one toxic on one hop, creates an order through the gateway
 * under an Idempotency-Key and checks what the README's "Failure modes" promise: the answer within
 * the hop's timeout plus 1.5 s, the documented status as problem+json with the traceId, the failing
 * span in Jaeger with {@code error.type}, the order stored exactly once after a retry with the same
 * key, and no thread or connection left behind. Where only the telemetry path is degraded, requests
 * succeed at normal speed. The measured table goes to {@code target/} and stdout.
 */
@ExtendWith(Backends.RequiresToxiproxy.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkFaultsE2eIT {

  /** How much later than its hop's timeout an answer may come: {@value} ms. */
  private static final long MARGIN_MILLIS = 1500;

  /** Requests sent per row while only telemetry is degraded. */
  private static final int TELEMETRY_REQUESTS = 10;

  /** More threads or sockets than at the start a service may hold after a row: the pools' play. */
  private static final int SLACK = 4;

  /** How long a service may take to let go of a fault's threads and connections. */
  private static final Duration SETTLE = Duration.ofSeconds(15);

  /** How long the retries of a failed order may take once the fault is removed. */
  private static final Duration RECOVERY = Duration.ofSeconds(15);

  /** Pause of the client between two tries of one order, as a real client backs off. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private static final String ORDER_JSON = "{\"item\":\"network fault\",\"quantity\":1}";

  private final List<Measured> measured = new ArrayList<>();
  private Path workDir;
  private JaegerProcess jaeger;
  private Toxiproxy toxiproxy;
  private LocalProcesses system;
  private Database database;
  private Gateway gateway;
  private String token;
  private final Map<Service, OpenResources> baseline = new EnumMap<>(Service.class);
  private long started;
  private long normalSlowest;

  @BeforeAll
  void start() throws Exception {
    started = System.nanoTime();
    workDir = RepoFiles.root().resolve("e2e-tests/target/e2e-network-faults");
    RepoFiles.deleteRecursively(workDir);
    jaeger = JaegerProcess.start(Backends.jaegerBinary(), workDir);
    toxiproxy = Toxiproxy.start(Backends.toxiproxyBinary(), workDir);
    database = Backends.database(workDir);
    Map<Service, Integer> ports = LocalProcesses.freePorts();
    URI otlp = jaeger.otlpHttpEndpoint();
    int authProxy = toxiproxy.proxy(Hop.GATEWAY_TO_AUTH.proxyName(), local(ports, Service.AUTH));
    int orderProxy = toxiproxy.proxy(Hop.AUTH_TO_ORDER.proxyName(), local(ports, Service.ORDER));
    int jaegerProxy =
        toxiproxy.proxy(Hop.TELEMETRY.proxyName(), otlp.getHost() + ":" + otlp.getPort());
    // Each variable concerns one service; the others ignore it.
    Map<String, String> throughProxies =
        Map.of(
            "AUTH_URL", "http://127.0.0.1:" + authProxy,
            "ORDER_URL", "http://127.0.0.1:" + orderProxy,
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + jaegerProxy);
    system =
        LocalProcesses.start(
            jaeger, throughDatabaseProxy(database), workDir, ports, throughProxies);
    gateway = new Gateway(system.gatewayUrl());
    token = gateway.login("alice", "wonderland");
    for (int i = 0; i < 20; i++) { // warm-up: JIT, connection pools, thread pools
      assertThat(gateway.createOrder(token, ORDER_JSON).statusCode()).isEqualTo(201);
    }
    normalSlowest = slowestOf(TELEMETRY_REQUESTS);
    for (Service service : Service.values()) {
      baseline.put(service, OpenResources.of(system.pid(service)));
    }
  }

  @AfterAll
  void stop() throws IOException {
    try {
      if (system != null) {
        system.close(); // Jaeger too
      } else if (jaeger != null) {
        jaeger.close();
      }
    } finally {
      if (toxiproxy != null) {
        toxiproxy.close();
      }
    }
    String table = NetworkFaults.markdown(measured, TELEMETRY_REQUESTS, normalSlowest);
    Files.writeString(workDir.resolve("network-faults.md"), table);
    System.out.println(table);
    System.out.printf(
        "NetworkFaultsE2eIT: %d rows in %d s%n",
        measured.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  static Stream<Row> rows() {
    return NetworkFaults.rows().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachFaultIsAClearAnswerInBoundedTimeAndLosesNothing(Row row) throws Exception {
    toxiproxy.add(row.hop().proxyName(), row.toxic());
    Answer answer;
    try {
      answer =
          row.hop() == Hop.TELEMETRY ? requestsAtNormalSpeed(row) : oneOrderThroughTheFault(row);
    } finally {
      toxiproxy.reset();
    }
    measured.add(new Measured(row, answer, awaitNothingLeftBehind(row)));
  }

  private Answer requestsAtNormalSpeed(Row row) throws Exception {
    long slowest = slowestOf(TELEMETRY_REQUESTS);
    assertThat(slowest)
        .as("%s: slowest of %d requests, ms (normal: %d)", row, TELEMETRY_REQUESTS, normalSlowest)
        .isLessThan(row.hop().timeout.toMillis());
    return new Answer(201, slowest, "none", "not needed");
  }

  /** Creates {@code count} orders one after the other; each must succeed. Returns the slowest. */
  private long slowestOf(int count) throws Exception {
    long slowest = 0;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.createOrder(token, ORDER_JSON);
      slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
    return slowest;
  }

  private Answer oneOrderThroughTheFault(Row row) throws Exception {
    String key = "network-faults/" + UUID.randomUUID();
    long start = System.nanoTime();
    HttpResponse<String> response = gateway.createOrder(token, ORDER_JSON, key);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(response.statusCode()).as("%s: %s", row, response.body()).isEqualTo(row.status());
    assertThat(millis)
        .as("%s: ms to the answer", row)
        .isLessThanOrEqualTo(row.hop().timeout.toMillis() + MARGIN_MILLIS);
    String traceId = Gateway.traceIdOf(response);
    String failingSpan = "none";
    if (row.status() >= 500) {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(Gateway.json(response).path("traceId").asText()).isEqualTo(traceId);
      failingSpan = awaitFailingSpans(row, traceId);
    }
    toxiproxy.reset(); // the fault is over: the client retries
    return new Answer(
        response.statusCode(), millis, failingSpan, retriedExactlyOnce(key, response));
  }

  /**
   * The spans in Jaeger that show the failed hop: the caller's CLIENT span in error with {@code
   * error.type}. On the database hop, order-service's SERVER span carries {@code error.type} and
   * the exception; the statement that was cut off, if one was (the pool may have had no live
   * connection to lend), is in error with the exception too. opentelemetry-jdbc follows the older
   * database conventions, which have no {@code error.type}.
   */
  private String awaitFailingSpans(Row row, String traceId) {
    JaegerQuery query = new JaegerQuery(system.jaegerQueryUrl());
    Service caller = row.hop().caller;
    AtomicReference<String> shown = new AtomicReference<>();
    await(row + ": the failing spans of " + caller.serviceName + " in " + traceId)
        .atMost(JaegerQuery.TRACE_DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              List<JaegerSpan> failed =
                  query.trace(traceId).spans().stream()
                      .filter(span -> span.service().equals(caller.serviceName) && span.isError())
                      .toList();
              List<JaegerSpan> calls =
                  failed.stream().filter(span -> span.kind().equals("client")).toList();
              if (row.hop() != Hop.ORDER_TO_DATABASE) {
                assertThat(calls).as("%s", failed).hasSize(1);
                assertThat(calls.get(0).tag("error.type")).as("%s", calls).isNotBlank();
                shown.set(shown(calls.get(0)));
                return;
              }
              List<JaegerSpan> servers =
                  failed.stream().filter(span -> span.kind().equals("server")).toList();
              assertThat(servers).as("%s", failed).hasSize(1);
              JaegerSpan server = servers.get(0);
              assertThat(server.tag("error.type")).as("%s", server).isNotBlank();
              assertThat(server.logs()).as("%s", server).contains("exception");
              String statement = "no statement ran";
              for (JaegerSpan call : calls) {
                assertThat(call.tag("db.system")).as("%s", call).isNotNull();
                assertThat(call.logs()).as("%s", call).contains("exception");
                statement = "`" + call.operation() + "` in error";
              }
              shown.set(shown(server) + "; " + statement);
            });
    return shown.get();
  }

  private static String shown(JaegerSpan span) {
    return String.format(
        "%s %s `%s`: %s",
        span.service(), span.kind().toUpperCase(), span.operation(), span.tag("error.type"));
  }

  /**
   * Sends the order again under the same key, as a client does after a failure, until it is
   * acknowledged, and checks that it is stored exactly once: the first 201's order replayed, or
   * stored now if the fault kept it out. Until the hop has recovered (a pool reconnecting) a retry
   * may fail too, but only with a 5xx problem.
   */
  private String retriedExactlyOnce(String key, HttpResponse<String> first) throws Exception {
    long start = System.nanoTime();
    int tries = 0;
    HttpResponse<String> retry;
    do {
      // Pacing, not waiting for a fact: a client's back-off between two tries.
      Thread.sleep(tries == 0 ? 0 : RETRY_PAUSE.toMillis());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RECOVERY);
      retry = gateway.createOrder(token, ORDER_JSON, key);
      tries++;
    } while (retry.statusCode() >= 500);
    assertThat(retry.statusCode()).as(retry.body()).isIn(200, 201);
    long id = Gateway.json(retry).path("id").asLong();
    if (first.statusCode() == 201) {
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(id).isEqualTo(Gateway.json(first).path("id").asLong());
    }
    assertThat(storedIds(key)).as("orders stored under %s", key).containsExactly(id);
    String outcome = retry.statusCode() == 200 ? "200, replayed" : "201, stored now";
    return tries == 1
        ? outcome
        : String.format(
            "%s (try %d, %d ms)",
            outcome, tries, Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  private List<Long> storedIds(String key) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        PreparedStatement query =
            connection.prepareStatement("SELECT id FROM orders WHERE idempotency_key = ?")) {
      query.setString(1, key);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Waits until every service holds no more threads and sockets than at the start, give or take
   * {@value #SLACK}; returns the most either grew, as {@code +threads / +sockets}.
   */
  private String awaitNothingLeftBehind(Row row) {
    int threads = Integer.MIN_VALUE;
    int sockets = Integer.MIN_VALUE;
    for (Service service : Service.values()) {
      OpenResources before = baseline.get(service);
      AtomicReference<OpenResources> now = new AtomicReference<>();
      await(row + ": " + service.serviceName + " back to " + before + " (+" + SLACK + ")")
          .atMost(SETTLE)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                now.set(OpenResources.of(system.pid(service)));
                assertThat(now.get().within(before, SLACK)).as("%s", now.get()).isTrue();
              });
      threads = Math.max(threads, now.get().threads() - before.threads());
      sockets = Math.max(sockets, now.get().sockets() - before.sockets());
    }
    return String.format("%+d / %+d", threads, sockets);
  }

  private static String local(Map<Service, Integer> ports, Service service) {
    return "127.0.0.1:" + ports.get(service);
  }

  /** The PostgreSQL {@code database} as order-service reaches it: through a proxy. */
  private Database throughDatabaseProxy(Database database) {
    URI url = URI.create(database.url().substring("jdbc:".length()));
    int port = url.getPort() == -1 ? 5432 : url.getPort();
    int proxy = toxiproxy.proxy(Hop.ORDER_TO_DATABASE.proxyName(), url.getHost() + ":" + port);
    String proxied =
        "jdbc:postgresql://127.0.0.1:"
            + proxy
            + url.getRawPath()
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    return new Database(proxied, database.user(), database.password(), database.system());
  }
}
