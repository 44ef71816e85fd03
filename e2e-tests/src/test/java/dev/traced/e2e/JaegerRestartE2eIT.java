package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jaeger's storage as jaeger/ configures it: with Badger, the default, a trace is still there,
 * whole, after Jaeger stopped (SIGTERM) and started again on the same data folder, until its
 * retention runs out; with {@code JAEGER_STORAGE=memory} Jaeger serves traces and loses them when
 * it stops. The traces are real requests through the three services.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JaegerRestartE2eIT {

  /** A retention short enough to watch run out; Badger counts it in whole seconds. */
  private static final String SHORT_RETENTION = "5s";

  /** How long the short retention may take to hide a trace: it plus generous slack. */
  private static final Duration EXPIRY_DEADLINE = Duration.ofSeconds(30);

  private Path workDir;
  private JaegerProcess jaeger;
  private LocalProcesses system;
  private Gateway gateway;
  private JaegerQuery query;
  private String token;

  @BeforeAll
  void start() throws Exception {
    workDir = RepoFiles.root().resolve("e2e-tests/target/e2e-jaeger-restart");
    // A fresh data folder: every trace Jaeger holds is this run's.
    RepoFiles.deleteRecursively(workDir);
    jaeger = JaegerProcess.start(Backends.jaegerBinary(), workDir);
    system = LocalProcesses.start(jaeger, Backends.database(workDir), workDir);
    gateway = new Gateway(system.gatewayUrl());
    query = new JaegerQuery(system.jaegerQueryUrl());
    token = gateway.login("alice", "wonderland");
  }

  @AfterAll
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  @Order(1)
  void withBadgerATraceIsWholeAgainAfterJaegerRestarts() throws Exception {
    String traceId = createOrder();
    JaegerTrace before = query.awaitTrace(traceId, ExpectedSpans.CREATED_ORDER);
    ExpectedSpans.CREATED_ORDER.assertExactly(before);

    jaeger.stop();
    Path dataDir = JaegerProcess.dataDir(workDir);
    // Badger wrote where JAEGER_DATA_DIR told it to, not to the default folder.
    assertThat(dataDir.resolve("keys").resolve("MANIFEST")).isRegularFile();
    long dataKib = diskKib(dataDir);
    long restarting = System.nanoTime();
    jaeger.restart();
    Duration restarted = Duration.ofNanos(System.nanoTime() - restarting);
    // Reported, not asserted: what a restart costs on this machine.
    System.out.printf(
        "[e2e] Jaeger healthy again %d ms after its start, on %d KiB of Badger data%n",
        restarted.toMillis(), dataKib);

    // The same spans, with the same parents, tags and log lines: the trace as it was stored.
    JaegerTrace after = query.awaitTrace(traceId, ExpectedSpans.CREATED_ORDER);
    assertThat(after.spans()).containsExactlyInAnyOrderElementsOf(before.spans());
  }

  @Test
  @Order(2)
  void withBadgerATraceIsGoneOnceItsRetentionRunsOut() throws Exception {
    jaeger.stop();
    jaeger.restart(Map.of("JAEGER_RETENTION", SHORT_RETENTION));
    String traceId = createOrder();
    query.awaitTrace(traceId, ExpectedSpans.CREATED_ORDER);

    await("trace " + traceId + " gone after a retention of " + SHORT_RETENTION)
        .atMost(EXPIRY_DEADLINE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> query.trace(traceId).spans().isEmpty());
  }

  @Test
  @Order(3)
  void withMemoryJaegerServesTracesAndLosesThemWhenItStops() throws Exception {
    jaeger.stop();
    jaeger.restart(Map.of("JAEGER_STORAGE", "memory"));
    String traceId = createOrder();
    query.awaitTrace(traceId, ExpectedSpans.CREATED_ORDER);

    jaeger.stop();
    jaeger.restart();
    // Healthy means the query API answers: an empty answer now is an answer.
    assertThat(query.trace(traceId).spans()).as("trace %s after a restart", traceId).isEmpty();
  }

  /** Creates an order through the three services; returns its trace id. */
  private String createOrder() throws Exception {
    return gateway.createOrderForItsTrace(token, "{\"item\":\"kettle\",\"quantity\":1}");
  }

  /**
   * The KiB that {@code dir} takes on disk, as {@code du} counts them: Badger's files are sparse,
   * their lengths (a 2 GiB value log from the start) say nothing of it.
   */
  private static long diskKib(Path dir) {
    String du =
        Command.run(Duration.ofSeconds(10), List.of("du", "-sk", dir.toString())).orFail().stdout();
    return Long.parseLong(du.split("\\s+")[0]);
  }
}
