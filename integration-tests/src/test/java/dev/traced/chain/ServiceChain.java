package dev.traced.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.auth.AuthConfig;
import dev.traced.auth.AuthServer;
import dev.traced.gateway.GatewayConfig;
import dev.traced.gateway.GatewayServer;
import dev.traced.kit.Env;
import dev.traced.kit.RunningService;
import dev.traced.order.OrderConfig;
import dev.traced.order.OrderServer;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * gateway → auth → order started in this JVM on loopback, each configured through the same
 * environment variable names as in docker-compose.yml, each with its own SDK.
 */
final class ServiceChain implements AutoCloseable {

  final String databaseUrl = "jdbc:h2:mem:orders-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  final InMemoryTelemetry gatewayTelemetry = InMemoryTelemetry.create("gateway-service");
  final InMemoryTelemetry authTelemetry = InMemoryTelemetry.create("auth-service");
  final InMemoryTelemetry orderTelemetry = InMemoryTelemetry.create("order-service");
  final RunningService order;
  final RunningService auth;
  final RunningService gateway;
  private final HttpClient http = HttpClient.newHttpClient();

  ServiceChain() {
    this(Map.of(), Map.of());
  }

  /**
   * The chain with {@code authEnvironment} and {@code gatewayEnvironment} added to the services'
   * environment, for example {@code AUTH_URL} pointing somewhere else or a shorter timeout.
   */
  ServiceChain(Map<String, String> authEnvironment, Map<String, String> gatewayEnvironment) {
    order =
        OrderServer.start(
            OrderConfig.from(
                Env.of(Map.of("HOST", "127.0.0.1", "PORT", "0", "DB_URL", databaseUrl))),
            orderTelemetry.sdk());
    auth =
        AuthServer.start(
            AuthConfig.from(
                Env.of(
                    with(
                        authEnvironment,
                        "HOST",
                        "127.0.0.1",
                        "PORT",
                        "0",
                        "ORDER_URL",
                        "http://127.0.0.1:" + order.port()))),
            authTelemetry.sdk());
    gateway =
        GatewayServer.start(
            GatewayConfig.from(
                Env.of(
                    with(
                        gatewayEnvironment,
                        "HOST",
                        "127.0.0.1",
                        "PORT",
                        "0",
                        "AUTH_URL",
                        "http://127.0.0.1:" + auth.port()))),
            gatewayTelemetry.sdk());
  }

  /** {@code overrides} on top of the pairs in {@code defaults}. */
  private static Map<String, String> with(Map<String, String> overrides, String... defaults) {
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < defaults.length; i += 2) {
      environment.put(defaults[i], defaults[i + 1]);
    }
    environment.putAll(overrides);
    return environment;
  }

  /** Logs in through the gateway and returns the access token. */
  String login(String username, String password) throws Exception {
    HttpResponse<String> response =
        send(
            post(
                "/api/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.read(response.body()).get("accessToken").asText();
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
        .timeout(Duration.ofSeconds(20));
  }

  HttpRequest.Builder post(String path, String json) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The spans of {@code traceId} from all three services, once the gateway's SERVER span (the last
   * to end, just after its response was written) has been exported.
   */
  List<SpanData> trace(String traceId) {
    gatewayTelemetry.awaitSpan(
        "the gateway SERVER span of trace " + traceId,
        s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER);
    return allSpans(traceId);
  }

  private List<SpanData> allSpans(String traceId) {
    List<SpanData> spans = new ArrayList<>();
    Stream.of(gatewayTelemetry, authTelemetry, orderTelemetry)
        .flatMap(telemetry -> telemetry.spans().stream())
        .filter(span -> span.getTraceId().equals(traceId))
        .forEach(spans::add);
    return spans;
  }

  @Override
  public void close() throws Exception {
    gateway.close();
    auth.close();
    order.close();
    gatewayTelemetry.close();
    authTelemetry.close();
    orderTelemetry.close();
  }
}
