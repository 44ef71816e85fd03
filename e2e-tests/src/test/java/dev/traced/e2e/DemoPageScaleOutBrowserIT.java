package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo page in headless Chromium against the scale-out topology (see {@link ScalePipeline}),
 * whose ingesters drop most ordinary traces: a scenario's trace is drawn as always, and an ordinary
 * request whose trace the sampler dropped is said to be sampled out, which the storage node's query
 * API confirms.
 */
@ExtendWith({Backends.RequiresKafka.class, Backends.RequiresChromium.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPageScaleOutBrowserIT {

  /**
   * Ordinary requests tried at most until one is sampled out: each is kept with a chance of 1 in
   * 10, so all of them are with a chance of 1 in 10^8.
   */
  private static final int ATTEMPTS = 8;

  /** The page's wait for the decision and a margin (15 s), with room for a busy machine. */
  private static final Duration OUTCOME_DEADLINE = Duration.ofSeconds(45);

  /**
   * Kept traces sent after the dropped one: one of them shares its partition, so its ingester, but
   * for a chance of (3/4)^40, about 1 in 100,000.
   */
  private static final int LATER_TRACES = 40;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ScalePipeline pipeline;
  private LocalProcesses system;
  private Browser browser;
  private DemoPage demoPage;
  private Gateway gateway;
  private JaegerQuery storage;

  @BeforeAll
  void start() throws Exception {
    Path workDir = RepoFiles.root().resolve("e2e-tests/target/scale-browser");
    RepoFiles.deleteRecursively(workDir);
    pipeline = ScalePipeline.start(Backends.jaegerBinary(), Backends.kafkaHome(), workDir);
    system = LocalProcesses.start(pipeline, Backends.database(workDir), workDir);
    gateway = new Gateway(system.gatewayUrl());
    storage = new JaegerQuery(pipeline.queryUrl());
    browser = Browser.start();
    demoPage = DemoPage.open(browser, system.gatewayUrl());
    demoPage.logIn("alice", "wonderland");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (system != null) {
      system.close();
    } else if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  @Order(1)
  void thePageLearnsTheSamplersDecisionWaitAndPoliciesFromTheGateway() throws Exception {
    JsonNode tailSampling =
        Gateway.json(gateway.send(gateway.request("/demo/config"))).path("tailSampling");
    JsonNode sampler =
        YAML.readTree(RepoFiles.jaegerRoleConfig("ingester").toFile())
            .path("processors")
            .path("tail_sampling");

    assertThat(tailSampling.path("decisionWaitMs").asLong())
        .isEqualTo(Duration.parse("PT" + sampler.path("decision_wait").asText()).toMillis());
    List<String> policies = new ArrayList<>();
    sampler.path("policies").forEach(policy -> policies.add(policy.path("name").asText()));
    assertThat(policies).containsExactly("errors", "slow", "demo-scenarios", "ten-percent");
    long slowMillis = sampler.path("policies").get(1).path("latency").path("threshold_ms").asLong();
    int percent =
        sampler.path("policies").get(3).path("probabilistic").path("sampling_percentage").asInt();
    assertThat(tailSampling.path("keeps").asText())
        .contains("with an error")
        .contains("slower than " + slowMillis / 1000 + " s")
        .contains("demo.scenario")
        .contains(percent + " % of the rest");
  }

  @Test
  @Order(2)
  void aScenariosTraceIsKeptAndDrawn() {
    demoPage.runScenario("order-failure");

    String traceId = DemoPage.traceIdOf(demoPage.awaitEntryWithStatus("502"));
    WebElement waterfall = demoPage.awaitWaterfallOf(traceId);

    assertThat(waterfall.findElements(By.cssSelector("[data-testid=span-row]")))
        .hasSize(storage.awaitTrace(traceId, ExpectedSpans.answeredByOrder(0)).spans().size());
  }

  @Test
  @Order(3)
  void anOrdinaryTraceThatTheSamplerDroppedIsSaidToBeSampledOut() throws Exception {
    String dropped = null;
    WebElement waterfall = null;
    List<String> kept = new ArrayList<>();
    for (int attempt = 0; attempt < ATTEMPTS && dropped == null; attempt++) {
      String traceId = DemoPage.traceIdOf(demoPage.listOrders());
      waterfall = demoPage.awaitOutcomeFor(traceId, OUTCOME_DEADLINE);
      String state = waterfall.getAttribute("data-state");
      assertThat(state).as(waterfall.getText()).isIn("ready", "sampled-out");
      if (state.equals("sampled-out")) {
        dropped = traceId;
      } else {
        kept.add(traceId);
      }
    }
    assertThat(dropped)
        .as("no ordinary trace of %d was sampled out; kept: %s", ATTEMPTS, kept)
        .isNotNull();
    browser.screenshot(RepoFiles.root().resolve("e2e-tests/target/screenshots/sampled-out.png"));

    assertThat(waterfall.getText())
        .contains("Trace " + dropped + " was sampled out")
        .contains("10 % of the rest")
        .contains("run one to see a kept trace");
    awaitDecisionOn(dropped);
    assertThat(storage.trace(dropped).spans()).as("spans stored of " + dropped).isEmpty();
  }

  /**
   * Returns once the ingester of {@code traceId} has decided on it. An ingester decides on traces
   * in the order their first spans came, so the decision is made once a later trace of the same
   * Kafka partition, which the same ingester reads, is stored.
   */
  private void awaitDecisionOn(String traceId) throws Exception {
    String token = gateway.login("alice", "wonderland");
    List<String> later = new ArrayList<>();
    for (int i = 0; i < LATER_TRACES; i++) {
      HttpResponse<String> response = gateway.listOrders(token, "order-failure");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
      later.add(Gateway.traceIdOf(response));
    }
    Map<String, Set<Integer>> partitions =
        await("the later traces in Kafka")
            .atMost(JaegerQuery.TRACE_DEADLINE)
            .until(
                () -> pipeline.kafka().partitionsByKey(ScalePipeline.TOPIC),
                keys -> keys.keySet().containsAll(later));
    Set<Integer> partition = partitions.get(traceId);
    assertThat(partition).as("partition of " + traceId).hasSize(1);
    String sameIngester =
        later.stream()
            .filter(id -> partitions.get(id).equals(partition))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no later trace in partition " + partition + " of " + traceId));
    storage.awaitTrace(sameIngester, ExpectedSpans.answeredByOrder(0));
  }
}
