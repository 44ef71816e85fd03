package dev.traced.loadgen;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The gateway's public API as an outside client sees it: plain HTTP, no OpenTelemetry and no {@code
 * traceparent}, so every request starts a fresh trace at the gateway.
 */
public final class ApiClient {

  /** How long to wait for a TCP connection: a gateway that is down should fail fast. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** How long to wait for an answer, generous enough for the slow-database scenario. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORDER_BODY = "{\"item\":\"teapot\",\"quantity\":2}";

  private final HttpClient http;
  private final URI gatewayUrl;

  private ApiClient(HttpClient http, URI gatewayUrl) {
    this.http = http;
    this.gatewayUrl = gatewayUrl;
  }

  /**
   * A client of the gateway at {@code gatewayUrl}; {@code executor} bounds the client's own
   * threads.
   */
  public static ApiClient create(URI gatewayUrl, Executor executor) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(requireNonNull(executor, "executor"))
            .build();
    return new ApiClient(http, requireNonNull(gatewayUrl, "gatewayUrl"));
  }

  /**
   * One answer of the gateway.
   *
   * @param status the HTTP status
   * @param body the response body
   * @param nanos time from sending the request to having read the whole body
   * @param operation method and route, e.g. {@code "GET /api/orders/{id}"}
   * @param traceId the trace id of the {@code traceresponse} header, or {@code null}
   */
  public record Reply(int status, String body, long nanos, String operation, String traceId) {

    /** The {@code id} of the order in the body, if the body is an order. */
    public Optional<String> orderId() {
      try {
        JsonNode id = JSON.readTree(body).get("id");
        return id == null || id.isNull() ? Optional.empty() : Optional.of(id.asText());
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }

  /** The base URL requests go to. */
  public URI gatewayUrl() {
    return gatewayUrl;
  }

  /** {@code GET /health}. */
  public Reply health() throws IOException, InterruptedException {
    return send("GET /health", request("/health", null, null).GET());
  }

  /**
   * {@code POST /api/login}; the reply body holds the {@code accessToken} when the status is 200.
   */
  public Reply login(Credentials user) throws IOException, InterruptedException {
    String body =
        JSON.writeValueAsString(Map.of("username", user.username(), "password", user.password()));
    return send(
        "POST /api/login",
        request("/api/login", null, null)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The access token in a successful login reply. */
  public static String accessToken(Reply login) throws IOException {
    JsonNode token = JSON.readTree(login.body()).get("accessToken");
    if (token == null || !token.isTextual()) {
      throw new IOException("login reply has no accessToken");
    }
    return token.asText();
  }

  /**
   * {@code POST /api/orders} with a fresh {@code Idempotency-Key}, so each call makes a new order.
   */
  public Reply createOrder(String token, Scenario scenario)
      throws IOException, InterruptedException {
    return send(
        "POST /api/orders",
        request("/api/orders", token, scenario)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(ORDER_BODY)));
  }

  /** {@code GET /api/orders}. */
  public Reply listOrders(String token, Scenario scenario)
      throws IOException, InterruptedException {
    return send("GET /api/orders", request("/api/orders", token, scenario).GET());
  }

  /** {@code GET /api/orders/{id}}. */
  public Reply getOrder(String token, String id, Scenario scenario)
      throws IOException, InterruptedException {
    return send("GET /api/orders/{id}", request("/api/orders/" + id, token, scenario).GET());
  }

  private HttpRequest.Builder request(String path, String token, Scenario scenario) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(gatewayUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (scenario != null) {
      scenario.demoHeader().ifPresent(name -> builder.header("Demo-Scenario", name));
    }
    return builder;
  }

  private Reply send(String operation, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - start;
    // "00-<trace id>-<span id>-<flags>": the gateway names the trace of each request.
    String traceId =
        response
            .headers()
            .firstValue("traceresponse")
            .map(value -> value.split("-"))
            .filter(parts -> parts.length == 4)
            .map(parts -> parts[1])
            .orElse(null);
    return new Reply(response.statusCode(), response.body(), nanos, operation, traceId);
  }
}
