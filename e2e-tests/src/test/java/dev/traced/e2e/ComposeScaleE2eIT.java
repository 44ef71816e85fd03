package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docker-compose.scale.yml laid over docker-compose.yml, started as the README shows: the services
 * send to two collectors, Kafka carries the spans, two ingesters and their replicas sample whole
 * traces, the storage node keeps them. One failed order is enough to show the way through; the
 * sampling itself is {@link ScalePipelineE2eIT}'s subject, on the same jaeger/*.yaml.
 */
@ExtendWith(Backends.RequiresDocker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeScaleE2eIT {

  private static final Path WORK_DIR =
      RepoFiles.root().resolve("e2e-tests/target/e2e-compose-scale");

  /** order-failure: order-service fails before its first statement. */
  private static final ExpectedSpans FAILED_ORDER = ExpectedSpans.answeredByOrder(0);

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
}
