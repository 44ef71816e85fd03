package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Telemetry never hurts the request path: with the real Jaeger hung (SIGSTOP) or stopped, every
 * request still succeeds about as fast as before, the SDK's queue stays bounded by dropping spans,
 * export failures are logged now and then rather than per request, and once Jaeger is back new
 * traces arrive complete.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelemetryOutageE2eIT {

  /** Requests whose latency is compared in each phase. */
  private static final int TIMED_REQUESTS = 100;

  /** Requests sent while Jaeger hangs: more spans than the SDK's batch queue (2048) holds. */
  private static final int BURST_REQUESTS = 1500;

  /**
   * No request may wait this long. An export that blocked requests would make them wait for the
   * exporter's 10-second timeout.
   */
  private static final long SLOWEST_ALLOWED_MILLIS = 1000;

  /** How soon after Jaeger's restart new traces must arrive whole again. */
  private static final Duration RECOVERY = Duration.ofSeconds(45);

  /** One order created after the restart, and then another, this often, until one is whole. */
  private static final Duration ORDER_INTERVAL = Duration.ofMillis(500);

  /** The order created to see whether traces arrive whole. */
  private static final String KETTLE = "{\"item\":\"kettle\",\"quantity\":1}";

  /** SDK warnings allowed over the whole outage, thousands of requests: a handful. */
  private static final int MAX_SDK_WARNINGS = 12;

  private Path workDir;
  private JaegerProcess jaeger;
  private LocalProcesses system;
  private Gateway gateway;
  private String token;
  private Latencies normal;
  private int requestsDuringOutage;

  @BeforeAll
  void start() throws Exception {
    workDir = RepoFiles.root().resolve("e2e-tests/target/e2e-telemetry-outage");
    // The log checks below read whole files: start them empty.
    RepoFiles.deleteRecursively(workDir);
    jaeger = JaegerProcess.start(Backends.jaegerBinary(), workDir);
    system = LocalProcesses.start(jaeger, Backends.database(workDir), workDir);
    gateway = new Gateway(system.gatewayUrl());
    token = gateway.login("alice", "wonderland");
    timedRequests(TIMED_REQUESTS); // warm-up: JIT and connection pools
  }

  @AfterAll
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  @Order(1)
  void requestsWithJaegerUpSetTheNormalLatency() throws Exception {
    normal = timedRequests(TIMED_REQUESTS);
  }

  @Test
  @Order(2)
  void aHungJaegerNeitherFailsNorSlowsRequests() throws Exception {
    jaeger.pause();
    try {
      assertCloseToNormal(timedRequests(TIMED_REQUESTS));
      assertThat(burst(BURST_REQUESTS)).as("requests answered 200").isEqualTo(BURST_REQUESTS);
    } finally {
      jaeger.resume();
    }
  }

  @Test
  @Order(3)
  void aStoppedJaegerNeitherFailsNorSlowsRequests() throws Exception {
    jaeger.stop();
    assertCloseToNormal(timedRequests(TIMED_REQUESTS));
    // Longer than the exporters' retries of one batch (about 10 s), so exports fail for good.
    assertCloseToNormal(pacedRequests(Duration.ofSeconds(15), Duration.ofMillis(20)));
  }

  @Test
  @Order(4)
  void onceJaegerIsBackNewTracesArriveCompleteAgain() throws Exception {
    jaeger.restart();
    JaegerQuery query = new JaegerQuery(system.jaegerQueryUrl());

    // The queues are still full of the outage's spans and the exporters may be waiting out a
    // retry backoff: spans of the first requests after the restart can still be dropped. Within
    // the backoff and one drain, a new request's trace must arrive whole. Each poll creates one
    // more order and looks at every trace created so far: the first one whole is the fact.
    List<String> created = new ArrayList<>();
    JaegerTrace trace =
        await("a created order's trace whole in Jaeger after its restart")
            .atMost(RECOVERY)
            .pollDelay(Duration.ZERO)
            .pollInterval(ORDER_INTERVAL)
            .until(
                () -> {
                  created.add(gateway.createOrderForItsTrace(token, KETTLE));
                  return created.stream()
                      .map(query::trace)
                      .filter(ExpectedSpans.CREATED_ORDER::heldBy)
                      .findFirst();
                },
                Optional::isPresent)
            .orElseThrow();

    // Whole means all seven spans and none beyond them.
    ExpectedSpans.CREATED_ORDER.assertExactly(trace);
    JaegerSpan authClient =
        trace.child(
            trace.child(
                trace.child(trace.entry(), Service.GATEWAY, "client"), Service.AUTH, "server"),
            Service.AUTH,
            "client");
    assertThat(
            trace.children(
                trace.child(authClient, Service.ORDER, "server"), Service.ORDER, "client"))
        .hasSize(2);
  }

  @Test
  @Order(5)
  void failuresWereLoggedNowAndThenAsJsonAndTheQueueDroppedRatherThanGrew() throws Exception {
    // Stopping the services closes their SDKs, which log the export tally.
    system.stopServices();
    for (Service service : Service.values()) {
      List<JsonNode> lines = LogLines.parseAll(system.outputLines(service), service.serviceName);
      List<JsonNode> sdkWarnings =
          lines.stream()
              .filter(line -> line.path("logger_name").asText().startsWith("io.opentelemetry"))
              .filter(line -> !line.path("level").asText().equals("INFO"))
              .toList();
      // Operators see that export fails and that spans were dropped, but not once per request:
      // the exporter throttles its messages, the batch processor reports once per export.
      assertThat(sdkWarnings)
          .as(service + " export failures")
          .anySatisfy(
              line -> assertThat(line.path("message").asText()).contains("Failed to export"));
      assertThat(sdkWarnings.size())
          .as(service + " SDK warnings for " + requestsDuringOutage + " requests: " + sdkWarnings)
          .isLessThanOrEqualTo(MAX_SDK_WARNINGS);
      assertThat(ExportTally.in(system.outputLines(service)).dropped())
          .as(service + " spans dropped by the full queue")
          .isPositive();
    }
  }

  @Test
  @Order(6)
  void servicesStartServeAndStopWhileJaegerIsUnreachableForTheWholeRun() throws Exception {
    Path unreachableDir = workDir.resolve("unreachable");
    // Nothing listens there: every export is refused, from the first one on.
    Map<String, String> unreachable =
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + FreePorts.next());
    try (LocalProcesses alone =
        LocalProcesses.start(
            jaeger, Backends.database(unreachableDir), unreachableDir, unreachable)) {
      Gateway client = new Gateway(alone.gatewayUrl());
      String aliceToken = client.login("alice", "wonderland");
      for (int i = 0; i < TIMED_REQUESTS; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response =
            client.send(
                client
                    .request("/api/orders")
                    .header("Authorization", "Bearer " + aliceToken)
                    .GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(SLOWEST_ALLOWED_MILLIS);
      }

      long stopping = System.nanoTime();
      alone.stopServices();
      Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
      // The last flush gives up on the unreachable endpoint (the SDK waits at most 10 s)
      // instead of holding the exit: each service finished its shutdown by itself.
      for (Service service : Service.values()) {
        assertThat(alone.outputLines(service))
            .as(service + " shut down by itself, not killed")
            .anySatisfy(line -> assertThat(line).contains("\"shutdown complete\""));
      }
      assertThat(stopped).as("time to stop the three services").isLessThan(Duration.ofSeconds(30));
    }
  }

  /** Sends {@code count} list requests one after the other; each must succeed. */
  private Latencies timedRequests(int count) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = listOrders();
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    requestsDuringOutage += normal == null ? 0 : count;
    return Latencies.of(millis);
  }

  /** Sends one list request every {@code interval} for {@code duration}; each must succeed. */
  private Latencies pacedRequests(Duration duration, Duration interval) throws Exception {
    List<Long> millis = new ArrayList<>();
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      HttpResponse<String> response = listOrders();
      long took = System.nanoTime() - start;
      millis.add(took / 1_000_000);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      // Pacing, not waiting for a fact: holds the rate at one request per interval.
      Thread.sleep(Math.max(0, interval.minusNanos(took).toMillis()));
    }
    requestsDuringOutage += millis.size();
    return Latencies.of(millis);
  }

  /** Sends {@code count} list requests from 8 clients at once; returns how many got a 200. */
  private int burst(int count) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        statuses.add(clients.submit(() -> listOrders().statusCode()));
      }
      int ok = 0;
      for (Future<Integer> status : statuses) {
        ok += status.get() == 200 ? 1 : 0;
      }
      requestsDuringOutage += count;
      return ok;
    } finally {
      clients.shutdownNow();
    }
  }

  private HttpResponse<String> listOrders() throws Exception {
    return gateway.send(
        gateway.request("/api/orders").header("Authorization", "Bearer " + token).GET());
  }

  private void assertCloseToNormal(Latencies outage) {
    assertThat(outage.max())
        .as("slowest request, ms (normal: %s)", normal)
        .isLessThan(SLOWEST_ALLOWED_MILLIS);
    // Generous: two shared cores and a JVM still warming up; a blocked export would be seconds.
    assertThat(outage.median())
        .as("median latency, ms, during the outage (normal: %s)", normal)
        .isLessThanOrEqualTo(2 * normal.median() + 20);
  }
}
