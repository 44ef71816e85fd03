package dev.traced.w3c;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.kit.RunningService;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.javalin.Javalin;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test service driven the way the W3C harness drives it, over loopback: this test posts the
 * instructions, and a small receiver plays the harness's callback endpoint.
 */
class TestServiceTest {

  private static final String TRACE_ID = "12345678901234567890123456789012";
  private static final String PARENT_ID = "1234567890123456";
  private static final String TRACESTATE = "foo=1,bar=2";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("w3c-test-service");
  private final HttpClient http = HttpClient.newHttpClient();

  /** What reached the harness, by callback id. */
  private final Map<String, Received> callbacks = new ConcurrentHashMap<>();

  private Javalin harness;
  private RunningService service;

  record Received(
      List<String> traceparent, List<String> tracestate, String contentType, String body) {}

  @BeforeEach
  void start() {
    harness =
        Javalin.create(
                config ->
                    config.routes.post(
                        "/callback/{id}",
                        ctx -> {
                          callbacks.put(
                              ctx.pathParam("id"),
                              new Received(
                                  Collections.list(ctx.req().getHeaders("traceparent")),
                                  Collections.list(ctx.req().getHeaders("tracestate")),
                                  ctx.contentType(),
                                  ctx.body()));
                          ctx.contentType("application/json")
                              .result("null"); // as the harness answers
                        }))
            .start("127.0.0.1", 0);
    service = TestServiceServer.start(new TestServiceConfig("127.0.0.1", 0), telemetry.sdk());
  }

  @AfterEach
  void stop() {
    service.close();
    harness.stop();
    telemetry.close();
  }

  @Test
  void makesEveryCallbackInTheCallersTraceWithItsArguments() throws Exception {
    String nested = "[{\"url\":\"" + callbackUrl("nested") + "\",\"arguments\":[]}]";
    String instructions =
        "[{\"url\":\""
            + callbackUrl("0")
            + "\",\"arguments\":"
            + nested
            + "},"
            + "{\"url\":\""
            + callbackUrl("1")
            + "\",\"arguments\":[]}]";

    HttpResponse<String> response =
        post(
            instructions,
            "application/json",
            "traceparent",
            "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
            "tracestate",
            TRACESTATE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(callbacks).containsOnlyKeys("0", "1");
    Received first = callbacks.get("0");
    Received second = callbacks.get("1");
    List<String> clientSpanIds =
        telemetry.spans().stream()
            .filter(span -> span.getKind() == SpanKind.CLIENT)
            .map(SpanData::getSpanId)
            .toList();
    for (Received callback : List.of(first, second)) {
      assertThat(callback.traceparent()).hasSize(1);
      String[] fields = callback.traceparent().get(0).split("-");
      assertThat(fields[0]).isEqualTo("00");
      assertThat(fields[1]).isEqualTo(TRACE_ID);
      // A new parent-id: the service's own CLIENT span, not the harness's span.
      assertThat(fields[2]).isNotEqualTo(PARENT_ID).isIn(clientSpanIds);
      assertThat(callback.tracestate()).containsExactly(TRACESTATE);
      assertThat(callback.contentType()).isEqualTo("application/json");
    }
    assertThat(first.traceparent()).isNotEqualTo(second.traceparent());
    assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree(nested));
    assertThat(JSON.readTree(second.body())).isEqualTo(JSON.readTree("[]"));
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(
            JSON.readTree(
                "[{\"url\":\""
                    + callbackUrl("0")
                    + "\",\"status\":200},"
                    + "{\"url\":\""
                    + callbackUrl("1")
                    + "\",\"status\":200}]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"url\":\"http://127.0.0.1:7777/callback/0\",\"arguments\":[]}",
        "not json",
        "",
        "[\"http://127.0.0.1:7777/callback/0\"]",
        "[{\"arguments\":[]}]",
        "[{\"url\":\"file:///etc/passwd\",\"arguments\":[]}]",
        "[{\"url\":\"/callback/0\",\"arguments\":[]}]"
      })
  void answersAnythingButAnArrayOfCallbacksWithAProblem(String body) throws Exception {
    HttpResponse<String> response = post(body, "application/json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("traceId").asText()).hasSize(32);
    assertThat(callbacks).isEmpty();
  }

  @Test
  void takesOnlyJsonSoThatNoWebPageCanMakeItCallOut() throws Exception {
    HttpResponse<String> response =
        post("[{\"url\":\"" + callbackUrl("0") + "\",\"arguments\":[]}]", "text/plain");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(callbacks).isEmpty();
  }

  private String callbackUrl(String id) {
    return "http://127.0.0.1:" + harness.port() + "/callback/" + id;
  }

  private HttpResponse<String> post(String body, String contentType, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + TestRoute.PATH))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
