package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docker-compose.scale.yml laid over docker-compose.yml, started as the README shows: the services
 * send to two collectors, Kafka carries the spans, two ingesters and their replicas sample whole
 * traces, the storage node keeps them. One failed order shows the way through; then a short run of
 * traffic with an ingester killed in the middle shows, in containers, what {@link
 * ScalePipelineE2eIT} checks at length with processes on the same jaeger/*.yaml: every failed trace
 * kept whole, the replicas' included, and a tenth of the rest.
 */
@ExtendWith(Backends.RequiresDocker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeScaleE2eIT {

  private static final Path WORK_DIR =
      RepoFiles.root().resolve("e2e-tests/target/e2e-compose-scale");

  /** order-failure: order-service fails before its first statement. */
  private static final ExpectedSpans FAILED_ORDER = ExpectedSpans.answeredByOrder(0);

  /** Listings of alice's orders sent back to back, every tenth of them an order-failure. */
  private static final int REQUESTS = 300;

  /** The request before which jaeger-ingester-1 is killed: a few seconds into the run. */
  private static final int CRASH_AT = 100;

  /** Failed listings after all the others: once they are stored, every trace is decided on. */
  private static final int FAILED_AFTER = 12;

  private ComposeSystem compose;

  @BeforeAll
  void startTheScaleOutTopology() throws Exception {
    RepoFiles.deleteRecursively(WORK_DIR);
    // As in ComposeE2eIT: the test must not need the ports that compose publishes by default.
    try (HeldPorts held = HeldPorts.holdWhereFree(8080, 16686)) {
      compose = ComposeSystem.startScaleOut(WORK_DIR);
    }
  }

  @AfterAll
  void down() {
    if (compose != null) {
      compose.close();
    }
  }

  @Test
  void aFailedOrderIsStoredWholeAfterCollectorsKafkaAndIngesters() throws Exception {
    // The ingesters share the topic by its partitions: made by the kafka-topic service.
    assertThat(
            compose
                .exec(
                    "kafka",
                    "/opt/kafka/bin/kafka-topics.sh",
                    "--bootstrap-server=localhost:9092",
                    "--describe",
                    "--topic=jaeger-spans")
                .stdout())
        .contains("PartitionCount: 4");

    Gateway gateway = new Gateway(compose.gatewayUrl());
    String token = gateway.login("alice", "wonderland");
    HttpResponse<String> response =
        gateway.createOrderInScenario(token, "{\"item\":\"book\",\"quantity\":1}", "order-failure");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
    String traceId = Gateway.traceIdOf(response);

    // The gateway's and order-service's spans came through the first collector, auth-service's
    // through the second; the errors policy kept the trace, and all of it.
    JaegerQuery storage = new JaegerQuery(compose.jaegerQueryUrl());
    storage
        .awaitTraces(List.of(traceId), FAILED_ORDER)
        .values()
        .forEach(FAILED_ORDER::assertExactly);

    // The ingesters and their replicas read the topic in two consumer groups.
    assertThat(
            compose
                .exec(
                    "kafka",
                    "/opt/kafka/bin/kafka-consumer-groups.sh",
                    "--bootstrap-server=localhost:9092",
                    "--list")
                .stdout()
                .lines())
        .contains(ScalePipeline.INGESTER_GROUP, ScalePipeline.REPLICA_GROUP);
  }

  /**
   * Under traffic, jaeger-ingester-1 is killed (SIGKILL) while it holds traces undecided: every
   * failed one is still stored whole, by the replicas, and about a tenth of the ordinary ones are
   * kept.
   */
  @Test
  void anIngesterKilledUnderTrafficLosesNoFailedTraceAndATenthOfTheRestIsKept() throws Exception {
    Gateway gateway = new Gateway(compose.gatewayUrl());
    String token = gateway.login("alice", "wonderland");
    List<String> failed = new ArrayList<>();
    List<String> ordinary = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      if (i == CRASH_AT) {
        compose.crash("jaeger-ingester-1");
      }
      boolean fails = i % 10 == 0;
      HttpResponse<String> response = gateway.listOrders(token, fails ? "order-failure" : null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(fails ? 502 : 200);
      (fails ? failed : ordinary).add(Gateway.traceIdOf(response));
    }
    for (int i = 0; i < FAILED_AFTER; i++) {
      HttpResponse<String> response = gateway.listOrders(token, "order-failure");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
      failed.add(Gateway.traceIdOf(response));
    }

    JaegerQuery storage = new JaegerQuery(compose.jaegerQueryUrl());
    storage.awaitTraces(failed, FAILED_ORDER).values().forEach(FAILED_ORDER::assertExactly);
    // Binomial, n = 270, p = 0.1: mean 27, three standard deviations 15; an ordinary listing is
    // far below the latency policy's 1 s.
    long kept = ordinary.stream().filter(id -> !storage.trace(id).spans().isEmpty()).count();
    System.out.printf(
        "[e2e] compose scale-out: %d failed traces whole, ordinary kept %d of %d%n",
        failed.size(), kept, ordinary.size());
    double mean = ordinary.size() * 0.1;
    double threeSigma = 3 * Math.sqrt(ordinary.size() * 0.1 * 0.9);
    assertThat((double) kept)
        .as("ordinary traces kept of %d (10 %% expected, ±3σ)", ordinary.size())
        .isBetween(mean - threeSigma, mean + threeSigma);
  }
}
