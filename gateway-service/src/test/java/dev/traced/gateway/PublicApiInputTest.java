package dev.traced.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.kit.Env;
import dev.traced.kit.RunningService;
import dev.traced.kit.http.RequestRules;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway is the public boundary: a body it will not forward is refused there, as a problem,
 * before anything reaches auth-service. A stand-in auth-service records what arrives.
 */
class PublicApiInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("gateway-service");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> forwarded = new CopyOnWriteArrayList<>();
  private Javalin auth;
  private RunningService gateway;

  @BeforeEach
  void start() {
    auth =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.post(
                      "/{path}",
                      ctx -> {
                        forwarded.add(ctx.path());
                        ctx.json(Map.of("ok", true));
                      });
                })
            .start("127.0.0.1", 0);
    gateway =
        GatewayServer.start(
            GatewayConfig.from(
                Env.of(
                    Map.of(
                        "HOST", "127.0.0.1",
                        "PORT", "0",
                        "AUTH_URL", "http://127.0.0.1:" + auth.port()))),
            telemetry.sdk());
  }

  @AfterEach
  void stop() {
    gateway.close();
    auth.stop();
    telemetry.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""})
  void refusesABodyThatIsNotJsonWith415AndForwardsNothing(String contentType) throws Exception {
    for (String path : List.of("/api/login", "/api/orders")) {
      HttpRequest.Builder request =
          post(path, "{\"username\":\"alice\",\"password\":\"wonderland\"}");
      if (!contentType.isEmpty()) {
        request.header("Content-Type", contentType);
      }

      assertProblem(send(request), 415);
    }
    assertThat(forwarded).isEmpty();
  }

  @Test
  void forwardsJson() throws Exception {
    HttpResponse<String> response =
        send(post("/api/login", "{}").header("Content-Type", "application/json; charset=utf-8"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(forwarded).containsExactly("/login");
  }

  @Test
  void refusesABodyOverTheLimitWith413AndForwardsNothing() throws Exception {
    String body = "{\"item\":\"" + "x".repeat(RequestRules.DEFAULT_MAX_BODY_BYTES) + "\"}";

    assertProblem(send(post("/api/orders", body).header("Content-Type", "application/json")), 413);
    assertThat(forwarded).isEmpty();
  }

  @Test
  void answersAKnownPathWithAnotherMethodWith405() throws Exception {
    HttpResponse<String> response = send(request("/api/orders").DELETE());

    assertProblem(response, 405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(forwarded).isEmpty();
  }

  private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("traceId").asText()).matches("[0-9a-f]{32}");
  }

  private HttpRequest.Builder post(String path, String body) {
    return request(path).POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
