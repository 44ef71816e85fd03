package dev.traced.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.kit.RunningService;
import dev.traced.telemetry.javalin.InboundTraceContext;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo page's routes on a real gateway; a small stand-in answers as Jaeger's query API does and
 * records what reached it.
 */
class DemoPageTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("gateway-service");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> jaegerPaths = new CopyOnWriteArrayList<>();
  private Javalin jaeger;
  private RunningService gateway;

  @BeforeEach
  void start() {
    jaeger =
        Javalin.create(
                config ->
                    config.routes.get(
                        "/api/traces/{id}",
                        ctx -> {
                          jaegerPaths.add(ctx.path());
                          if (ctx.pathParam("id").equals(TRACE_ID)) {
                            ctx.json(java.util.Map.of("data", List.of()));
                          } else {
                            ctx.status(404).result("{\"errors\":[{\"code\":404}]}");
                          }
                        }))
            .start("127.0.0.1", 0);
    gateway = startGateway(TraceSampling.ALL);
  }

  private RunningService startGateway(TraceSampling traceSampling) {
    return GatewayServer.start(
        new GatewayConfig(
            "127.0.0.1",
            0,
            URI.create("http://127.0.0.1:9"),
            Duration.ofSeconds(10),
            Set.of(),
            InboundTraceContext.CONTINUE,
            URI.create("http://127.0.0.1:" + jaeger.port()),
            URI.create("http://jaeger.example:16686"),
            traceSampling),
        telemetry.sdk());
  }

  @AfterEach
  void stop() {
    gateway.close();
    jaeger.stop();
    telemetry.close();
  }

  @Test
  void servesThePageFromTheJarWithoutTracingIt() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("text/html"));
    assertThat(page.body()).contains("<html");
    assertThat(telemetry.spans()).isEmpty();
  }

  @Test
  void tellsThePageWhereTheJaegerUiIsAndThatJaegerGetsEveryTrace() throws Exception {
    assertThat(get("/demo/config").body())
        .isEqualTo("{\"jaegerUiUrl\":\"http://jaeger.example:16686\",\"tailSampling\":null}");
  }

  @Test
  void tellsThePageHowTheTailSamplerDecides() throws Exception {
    gateway.close();
    gateway = startGateway(TraceSampling.TAIL);

    assertThat(get("/demo/config").body())
        .isEqualTo(
            "{\"jaegerUiUrl\":\"http://jaeger.example:16686\",\"tailSampling\":"
                + "{\"decisionWaitMs\":5000,\"keeps\":\"every trace with an error,"
                + " every trace slower than 1 s, every trace with the baggage entry demo.scenario,"
                + " and 10 % of the rest\"}}");
  }

  @Test
  void passesATraceThroughFromJaegerAndItsAbsence() throws Exception {
    assertThat(get("/demo/traces/" + TRACE_ID).body()).isEqualTo("{\"data\":[]}");
    assertThat(get("/demo/traces/" + TRACE_ID.replace('4', '5')).statusCode()).isEqualTo(404);
    assertThat(jaegerPaths)
        .containsExactly("/api/traces/" + TRACE_ID, "/api/traces/" + TRACE_ID.replace('4', '5'));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/demo/traces/not-a-trace-id",
        "/demo/traces/4BF92F3577B34DA6A3CE929D0E0E4736",
        "/demo/traces/..%2F..%2Fapi%2Fservices",
        "/demo/traces/" + TRACE_ID + "%2F..%2Fservices"
      })
  void refusesAnythingButOneTraceId(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isBetween(400, 404);
    assertThat(jaegerPaths).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../pom.xml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/public/../../pom.xml",
        "/..%2F..%2Fpom.xml"
      })
  void staticFilesDoNotLeaveTheirFolder(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isBetween(400, 404);
    assertThat(response.body()).doesNotContain("<project", "root:");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
