package dev.traced.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.testing.RawHttp;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules a request must keep before a handler sees it, on a real server. */
class RequestRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 1024;

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger handled = new AtomicInteger();
  private Javalin app;

  @BeforeEach
  void start() {
    app =
        Javalin.create(
                config -> {
                  config.registerPlugin(new ProblemResponses());
                  config.registerPlugin(
                      new RequestRules(rules -> rules.maxBodyBytes = MAX_BODY_BYTES));
                  config.startup.showJavalinBanner = false;
                  config.routes.post(
                      "/things",
                      ctx -> {
                        handled.incrementAndGet();
                        ctx.status(201).result(ctx.body());
                      });
                  config.routes.get("/things", ctx -> ctx.result("[]"));
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", ""})
  void refusesABodyThatIsNotJsonBeforeTheHandlerRuns(String contentType) throws Exception {
    HttpRequest.Builder request = post("{\"a\":1}");
    if (!contentType.isEmpty()) {
      request.header("Content-Type", contentType);
    }

    HttpResponse<String> response = send(request);

    assertProblem(response, 415);
    assertThat(handled).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/json", "application/json; charset=utf-8", "Application/JSON"})
  void acceptsJsonWithOrWithoutParameters(String contentType) throws Exception {
    HttpResponse<String> response = send(post("{\"a\":1}").header("Content-Type", contentType));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"a\":1}");
  }

  @Test
  void refusesABodyOverTheLimitWithContentLength() throws Exception {
    HttpResponse<String> response =
        send(post(json(MAX_BODY_BYTES + 1)).header("Content-Type", "application/json"));

    assertProblem(response, 413);
  }

  @Test
  void refusesAChunkedBodyOverTheLimit() throws Exception {
    String body = json(MAX_BODY_BYTES + 1);
    RawHttp.Reply answer =
        RawHttp.exchange(
            app.port(),
            "POST /things HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length())
                + "\r\n"
                + body
                + "\r\n0\r\n\r\n");

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.headers().get("content-type")).startsWith(Problem.CONTENT_TYPE);
  }

  @Test
  void acceptsABodyAtTheLimit() throws Exception {
    HttpResponse<String> response =
        send(post(json(MAX_BODY_BYTES)).header("Content-Type", "application/json"));

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void answersAKnownPathWithAnotherMethodWith405AndAllow() throws Exception {
    HttpResponse<String> response = send(request("/things").DELETE());

    JsonNode problem = assertProblem(response, 405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(problem.path("detail").asText()).isEqualTo("DELETE is not allowed; use GET, POST");
  }

  @Test
  void answersAnUnknownPathWith404() throws Exception {
    assertProblem(send(request("/nothing").DELETE()), 404);
  }

  private JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith(Problem.CONTENT_TYPE));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }

  /** A JSON document of exactly {@code bytes} bytes. */
  private static String json(int bytes) {
    return "{\"a\":\"" + "x".repeat(bytes - 8) + "\"}";
  }

  private HttpRequest.Builder post(String body) {
    return request("/things").POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
