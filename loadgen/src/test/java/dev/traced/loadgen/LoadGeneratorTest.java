package dev.traced.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs against a real HTTP stand-in for the gateway. */
class LoadGeneratorTest {

  private final StandInGateway gateway = StandInGateway.start();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void anOpenLoopSendsAtTheRateAndCountsWhatTheGatewayReceived() throws Exception {
    Path report = dir.resolve("reports/run.json");
    Summary summary =
        run(
            Map.of(
                "LOADGEN_RATE",
                "20",
                "LOADGEN_DURATION",
                "2",
                "LOADGEN_CONCURRENCY",
                "16",
                "LOADGEN_REPORT",
                report.toString()));

    // 20/s for 2 s is 40 requests due; the bounds leave room for a slow machine.
    assertThat(summary.requests() + summary.dropped()).isBetween(30L, 42L);
    assertThat(summary.requests()).isEqualTo(gateway.orderRequests.get());
    assertThat(summary.statuses()).isEqualTo(gateway.orderStatuses());
    assertThat(summary.logins()).isEqualTo(gateway.logins.get()).isEqualTo(2);
    assertThat(summary.errors()).isZero();
    assertThat(summary.expected()).isEqualTo(summary.requests());
    // An outside client: every request starts its own trace at the gateway.
    assertThat(gateway.withTraceparent.get()).isZero();
    assertThat(gateway.idempotencyKeys).hasSize(gateway.creates.get());
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains(
            "loadgen: sending to "
                + gateway.url()
                + ", open loop at 20 req/s (at most 16 in flight) for 2 s")
        .contains("loadgen summary: " + gateway.url())
        .contains("loadgen: report written to " + report);

    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(fieldNames(json))
        .containsExactly(
            "startedAt",
            "gatewayUrl",
            "mode",
            "targetRate",
            "concurrency",
            "warmupSeconds",
            "durationSeconds",
            "requests",
            "throughput",
            "latencyMs",
            "statuses",
            "expected",
            "unexpected",
            "transportErrors",
            "errors",
            "dropped",
            "logins",
            "warmupRequests",
            "scenarios");
    assertThat(fieldNames(json.get("latencyMs")))
        .containsExactly("p50", "p90", "p95", "p99", "p999", "max");
    assertThat(json.get("requests").asLong()).isEqualTo(summary.requests());
    assertThat(json.get("mode").asText()).isEqualTo("open");
    assertThat(json.get("durationSeconds").asDouble()).isBetween(1.5, 10.0);
    assertThat(fieldNames(json.get("scenarios")))
        .containsExactly(
            "happy",
            "unknown-order",
            "invalid-token",
            "other-users-order",
            "slow-database",
            "order-failure",
            "auth-unreachable");
    assertThat(fieldNames(json.get("scenarios").get("happy")))
        .containsExactly(
            "requests", "expected", "unexpected", "transportErrors", "p50Ms", "p99Ms", "statuses");
  }

  @Test
  void sendsEveryScenarioWithItsHeaderAndCountsExpectedStatusesAsExpected() throws Exception {
    Summary summary =
        run(
            Map.of(
                "LOADGEN_RATE",
                "40",
                "LOADGEN_DURATION",
                "2",
                "LOADGEN_CONCURRENCY",
                "16",
                "LOADGEN_MIX",
                "unknown-order=1,invalid-token=1,other-users-order=1,slow-database=1,order-failure=1,auth-unreachable=1"));

    assertThat(summary.requests()).isPositive().isEqualTo(gateway.orderRequests.get());
    assertThat(summary.errors()).isZero();
    // 201 comes from other-users-order: until the other user has an order, it creates one.
    assertThat(summary.statuses().keySet())
        .isSubsetOf("200", "201", "401", "404", "502", "503")
        .contains("404");
    assertThat(gateway.demoScenarios.keySet())
        .isSubsetOf("slow-database", "order-failure", "auth-unreachable");
    Summary.ScenarioSummary slow = summary.scenarios().get("slow-database");
    if (slow.requests() > 0) {
      assertThat(slow.p50Ms()).isGreaterThanOrEqualTo(StandInGateway.SLOW_MILLIS);
    }
  }

  @Test
  void countsAnUnexpected500AsAnError() throws Exception {
    gateway.forcedStatus = 500;

    Summary summary =
        run(
            Map.of(
                "LOADGEN_MODE",
                "closed",
                "LOADGEN_CONCURRENCY",
                "2",
                "LOADGEN_DURATION",
                "1",
                "LOADGEN_MIX",
                "happy=1"));

    assertThat(summary.requests()).isPositive().isEqualTo(gateway.orderRequests.get());
    assertThat(summary.unexpected()).isEqualTo(summary.requests());
    assertThat(summary.errors()).isEqualTo(summary.requests());
    assertThat(summary.expected()).isZero();
    assertThat(summary.statuses()).containsOnlyKeys("500");
    assertThat(summary.dropped()).isZero();
  }

  @Test
  void rateZeroSendsNothingAtAll() throws Exception {
    Summary summary = run(Map.of("LOADGEN_RATE", "0", "LOADGEN_DURATION", "1"));

    assertThat(summary.requests()).isZero();
    assertThat(gateway.everything()).isZero();
    assertThat(output.toString(StandardCharsets.UTF_8))
        .startsWith("loadgen: LOADGEN_RATE=0, sending nothing for 1 s");
  }

  @Test
  void waitsForTheGatewayToBecomeHealthy() throws Exception {
    gateway.unhealthyChecks.set(2);

    Summary summary = run(Map.of("LOADGEN_RATE", "10", "LOADGEN_DURATION", "1"));

    assertThat(gateway.healthChecks.get()).isEqualTo(3);
    assertThat(summary.requests()).isPositive();
    assertThat(
            output.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("waiting for")))
        .hasSize(1);
  }

  @Test
  void stopEndsARunWithoutDurationAndStillSummarizes() throws Exception {
    LoadGenerator generator = generator(Map.of("LOADGEN_RATE", "20"));
    CompletableFuture<Summary> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return generator.run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await("3 order requests at the gateway")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(gateway.orderRequests::get, sent -> sent >= 3);
    generator.stop();

    Summary summary = running.get(30, TimeUnit.SECONDS);
    assertThat(summary.requests()).isEqualTo(gateway.orderRequests.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void refusesToStartWhenAPasswordIsWrong() {
    LoadGenerator generator =
        generator(Map.of("LOADGEN_USERS", "alice:teapot", "LOADGEN_MIX", "happy=1"));

    assertThatThrownBy(generator::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("login as alice was refused with HTTP 401; check LOADGEN_USERS");
    assertThat(gateway.orderRequests.get()).isZero();
  }

  private Summary run(Map<String, String> env) throws Exception {
    return generator(env).run();
  }

  private LoadGenerator generator(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("GATEWAY_URL", gateway.url());
    return new LoadGenerator(
        LoadConfig.fromEnv(all), new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
