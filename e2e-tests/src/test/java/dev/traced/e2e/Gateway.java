package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A client of the public API, as a user's program would call it. */
public final class Gateway {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI baseUrl;

  /** A client of the gateway at {@code baseUrl}. */
  public Gateway(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Logs in and returns the access token. */
  public String login(String username, String password) throws Exception {
    HttpResponse<String> response =
        send(
            request("/api/login")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("accessToken").asText();
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** {@code POST /api/orders} of {@code json} as the holder of {@code token}, with a fresh key. */
  public HttpResponse<String> createOrder(String token, String json) throws Exception {
    return createOrder(token, json, UUID.randomUUID().toString());
  }

  /** Creates an order of {@code json} as the holder of {@code token}; returns its trace id. */
  String createOrderForItsTrace(String token, String json) throws Exception {
    HttpResponse<String> response = createOrder(token, json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return traceIdOf(response);
  }

  /** {@code POST /api/orders} of {@code json} under {@code idempotencyKey}: safe to repeat. */
  HttpResponse<String> createOrder(String token, String json, String idempotencyKey)
      throws Exception {
    return send(orderRequest(token, json, idempotencyKey));
  }

  /** As {@link #createOrder(String, String)}, in the demo page's {@code scenario}. */
  public HttpResponse<String> createOrderInScenario(String token, String json, String scenario)
      throws Exception {
    return send(
        orderRequest(token, json, UUID.randomUUID().toString()).header("Demo-Scenario", scenario));
  }

  /**
   * {@code GET /api/orders} as the holder of {@code token}, in the demo page's {@code scenario}, or
   * in none if it is null.
   */
  HttpResponse<String> listOrders(String token, String scenario) throws Exception {
    HttpRequest.Builder request =
        request("/api/orders").header("Authorization", "Bearer " + token).GET();
    if (scenario != null) {
      request.header("Demo-Scenario", scenario);
    }
    return send(request);
  }

  private HttpRequest.Builder orderRequest(String token, String json, String idempotencyKey) {
    return request("/api/orders")
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  /** The trace id that the response's W3C {@code traceresponse} header names. */
  public static String traceIdOf(HttpResponse<String> response) {
    String traceresponse = response.headers().firstValue("traceresponse").orElseThrow();
    assertThat(traceresponse).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    return traceresponse.split("-")[1];
  }
}
