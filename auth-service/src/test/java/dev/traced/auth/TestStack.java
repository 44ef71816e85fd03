package dev.traced.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.kit.RunningService;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A real auth-service on a free loopback port with an in-memory span exporter, and a real stand-in
 * for order-service behind it.
 */
final class TestStack implements AutoCloseable {

  static final String TOKEN_SECRET = "test-token-secret-0123456789abcdef-0123456789";
  static final String IDENTITY_SECRET = "test-identity-secret-0123456789abcdef-01234";
  static final Duration TOKEN_TTL = Duration.ofMinutes(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  final InMemoryTelemetry telemetry = InMemoryTelemetry.create("auth-service");
  final OpenTelemetrySdk sdk;
  final OrderServiceStandIn orderService;
  final RunningService auth;
  final AccessTokens tokens = AccessTokens.create(TOKEN_SECRET, TOKEN_TTL);
  private final HttpClient http = HttpClient.newHttpClient();

  private TestStack() {
    sdk = telemetry.sdk();
    orderService = OrderServiceStandIn.start();
    auth =
        AuthServer.start(
            new AuthConfig(
                "127.0.0.1",
                0,
                orderService.url(),
                TOKEN_SECRET,
                IDENTITY_SECRET,
                TOKEN_TTL,
                AuthConfig.DEFAULT_ORDER_TIMEOUT),
            sdk);
  }

  static TestStack start() {
    return new TestStack();
  }

  /** Sends {@code method path} to auth-service with {@code body} (null for none). */
  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + auth.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in and returns the access token. */
  String login(String username, String password) throws Exception {
    HttpResponse<String> response =
        send("POST", "/login", loginBody(username, password), "Content-Type", "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String token = json(response).get("accessToken").asText();
    telemetry.reset();
    return token;
  }

  static String loginBody(String username, String password) throws Exception {
    return JSON.writeValueAsString(new LoginRequest(username, password));
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /**
   * The SERVER span of the one request sent since the last reset. It ends only after the response
   * is written, so it may finish a moment after the client has the response.
   */
  SpanData serverSpan() {
    return awaitSpan(SpanKind.SERVER);
  }

  /** The CLIENT span of the one request sent since the last reset. */
  SpanData clientSpan() {
    return awaitSpan(SpanKind.CLIENT);
  }

  private SpanData awaitSpan(SpanKind kind) {
    SpanData span = telemetry.awaitSpan("a " + kind + " span", s -> s.getKind() == kind);
    assertThat(telemetry.spans().stream().filter(s -> s.getKind() == kind)).hasSize(1);
    return span;
  }

  /** Every span ended so far (the batch processor flushed first). */
  List<SpanData> spans() {
    return telemetry.spans();
  }

  @Override
  public void close() {
    auth.close();
    orderService.close();
    sdk.close();
  }
}
