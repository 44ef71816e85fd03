package dev.traced.chain;

import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A created order is one trace across gateway, auth and order, and so are its log lines. */
class OneTracePerRequestTest {

  private static CapturedLogs logs;
  private static ServiceChain chain;
  private static String aliceToken;

  @BeforeAll
  static void startChain() throws Exception {
    logs = new CapturedLogs();
    chain = new ServiceChain();
    aliceToken = chain.login("alice", "wonderland");
  }

  @AfterAll
  static void stopChain() throws Exception {
    chain.close();
    logs.close();
  }

  @Test
  void createdOrderIsOneTraceFromGatewayToDatabase() throws Exception {
    HttpResponse<String> response = createOrder("{\"item\":\"teapot\",\"quantity\":2}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String traceresponse = response.headers().firstValue("traceresponse").orElseThrow();
    Trace trace = new Trace(Trace.idOf(traceresponse), chain.trace(Trace.idOf(traceresponse)));

    SpanData gatewayServer = trace.root();
    SpanData gatewayClient = trace.child(gatewayServer, "gateway-service", CLIENT);
    SpanData authServer = trace.child(gatewayClient, "auth-service", SERVER);
    SpanData authClient = trace.child(authServer, "auth-service", CLIENT);
    SpanData orderServer = trace.child(authClient, "order-service", SERVER);
    List<SpanData> databaseCalls = trace.children(orderServer, "order-service", CLIENT);

    assertThat(Trace.serviceOf(gatewayServer)).isEqualTo("gateway-service");
    assertThat(traceresponse)
        .isEqualTo(
            "00-"
                + trace.traceId()
                + "-"
                + gatewayServer.getSpanId()
                + "-"
                + gatewayServer.getSpanContext().getTraceFlags().asHex());
    assertServerSpan(gatewayServer, "POST /api/orders", "/api/orders", 201);
    assertClientSpan(gatewayClient, chain.auth.port(), "/orders", 201);
    assertServerSpan(authServer, "POST /orders", "/orders", 201);
    assertClientSpan(authClient, chain.order.port(), "/orders", 201);
    assertServerSpan(orderServer, "POST /orders", "/orders", 201);
    assertThat(databaseCalls).isNotEmpty();
    assertThat(databaseCalls)
        .allSatisfy(
            span ->
                assertThat(span.getAttributes().asMap().keySet())
                    .map(AttributeKey::getKey)
                    .anyMatch(key -> key.startsWith("db.")));
    assertThat(databaseCalls).anyMatch(span -> span.getName().startsWith("INSERT"));

    long orderId = Json.read(response.body()).get("id").asLong();
    assertThat(orderServer.getAttributes().get(AttributeKey.longKey("order.id")))
        .isEqualTo(orderId);
    assertThat(orderServer.getAttributes().get(AttributeKey.stringKey("enduser.id")))
        .isEqualTo("alice");
    assertThat(authServer.getAttributes().get(AttributeKey.stringKey("enduser.id")))
        .isEqualTo("alice");
  }

  @Test
  void everyLogLineOfTheRequestNamesItsTraceAndTheSpanThatWasCurrent() throws Exception {
    HttpResponse<String> response = createOrder("{\"item\":\"kettle\",\"quantity\":1}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
    Trace trace = new Trace(traceId, chain.trace(traceId));
    SpanData gatewayServer = trace.root();
    SpanData authServer =
        trace.child(trace.child(gatewayServer, "gateway-service", CLIENT), "auth-service", SERVER);
    SpanData orderServer =
        trace.child(trace.child(authServer, "auth-service", CLIENT), "order-service", SERVER);

    List<JsonNode> lines = logs.ofTrace(traceId);

    assertThat(lines)
        .allSatisfy(line -> assertThat(trace.spanIds()).contains(line.get("span_id").asText()));
    assertThat(lines)
        .allSatisfy(
            line ->
                assertThat(line.get("trace_flags").asText())
                    .isEqualTo(gatewayServer.getSpanContext().getTraceFlags().asHex()));
    // Each handler's line carries the SERVER span of its own service.
    assertThat(spansOfLogger(lines, "dev.traced.gateway.GatewayRoutes"))
        .containsOnly(gatewayServer.getSpanId());
    assertThat(spansOfLogger(lines, "dev.traced.auth.AuthRoutes"))
        .containsOnly(authServer.getSpanId());
    assertThat(spansOfLogger(lines, "dev.traced.order.OrderRoutes"))
        .containsOnly(orderServer.getSpanId());
    assertThat(spansOfLogger(lines, "dev.traced.order.Orders"))
        .containsOnly(orderServer.getSpanId());
    // And every line written by any of the three services so far is one JSON object.
    assertThat(logs.json()).isNotEmpty();
  }

  @Test
  void malformedTraceparentStartsAFreshTraceThatIsPropagated() throws Exception {
    String bogusTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    HttpResponse<String> response =
        chain.send(
            chain
                .request("/api/orders")
                .header("Authorization", "Bearer " + aliceToken)
                .header("traceparent", "00-" + bogusTraceId + "-00f067aa0ba902b7-zz")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
    assertThat(traceId).isNotEqualTo(bogusTraceId);
    Trace trace = new Trace(traceId, chain.trace(traceId));
    assertThat(trace.root().getParentSpanContext().isValid()).isFalse();
    assertThat(trace.touches("order-service")).isTrue();
    assertThat(chain.trace(traceId)).noneMatch(span -> span.getTraceId().equals(bogusTraceId));
  }

  @Test
  void validTraceparentFromTheClientIsContinued() throws Exception {
    String clientTraceId = UUID.randomUUID().toString().replace("-", "");
    String clientSpanId = "00f067aa0ba902b7";
    HttpResponse<String> response =
        chain.send(
            chain
                .request("/api/orders")
                .header("Authorization", "Bearer " + aliceToken)
                .header("traceparent", "00-" + clientTraceId + "-" + clientSpanId + "-01")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    Trace trace = new Trace(clientTraceId, chain.trace(clientTraceId));
    SpanData gatewayServer =
        trace.spans().stream()
            .filter(span -> span.getParentSpanId().equals(clientSpanId))
            .findFirst()
            .orElseThrow();
    assertThat(gatewayServer.getName()).isEqualTo("GET /api/orders");
    assertThat(trace.touches("order-service")).isTrue();
  }

  @Test
  void badTokenIsA401ProblemAndMarksTheCallingClientSpan() throws Exception {
    HttpResponse<String> response =
        chain.send(chain.request("/api/orders").header("Authorization", "Bearer not-a-jwt").GET());

    assertThat(response.statusCode()).isEqualTo(401);
    String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
    assertProblem(response, 401, traceId);
    Trace trace = new Trace(traceId, chain.trace(traceId));
    SpanData gatewayClient = trace.child(trace.root(), "gateway-service", CLIENT);
    SpanData authServer = trace.child(gatewayClient, "auth-service", SERVER);
    assertError(gatewayClient, "401");
    // A client error is not the server's failure: semconv leaves 4xx SERVER spans unset.
    assertThat(authServer.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(trace.touches("order-service")).isFalse();
  }

  @Test
  void unknownOrderIsA404ProblemWithTheSameTraceId() throws Exception {
    HttpResponse<String> response =
        chain.send(
            chain
                .request("/api/orders/987654321")
                .header("Authorization", "Bearer " + aliceToken)
                .GET());

    assertThat(response.statusCode()).isEqualTo(404);
    String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
    assertProblem(response, 404, traceId);
    Trace trace = new Trace(traceId, chain.trace(traceId));
    SpanData gatewayClient = trace.child(trace.root(), "gateway-service", CLIENT);
    SpanData authClient =
        trace.child(trace.child(gatewayClient, "auth-service", SERVER), "auth-service", CLIENT);
    SpanData orderServer = trace.child(authClient, "order-service", SERVER);
    assertThat(trace.root().getName()).isEqualTo("GET /api/orders/{id}");
    assertThat(orderServer.getName()).isEqualTo("GET /orders/{id}");
    assertError(gatewayClient, "404");
    assertError(authClient, "404");
  }

  @Test
  void anotherUsersOrderIsNotFound() throws Exception {
    HttpResponse<String> created = createOrder("{\"item\":\"secret\",\"quantity\":1}");
    long id = Json.read(created.body()).get("id").asLong();
    String bobToken = chain.login("bob", "builder");

    HttpResponse<String> response =
        chain.send(
            chain.request("/api/orders/" + id).header("Authorization", "Bearer " + bobToken).GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("secret");
  }

  @Test
  void malformedJsonIsA400ProblemAndStoresNothing() throws Exception {
    int before = listOrders().size();

    HttpResponse<String> response = createOrder("{\"item\": \"teapot\", \"quantity\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
    assertProblem(response, 400, traceId);
    assertThat(listOrders()).hasSize(before);
  }

  @Test
  void retriedCreateWithTheSameIdempotencyKeyReturnsTheFirstOrder() throws Exception {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = createOrder("{\"item\":\"cup\",\"quantity\":3}", key);
    HttpResponse<String> retry = createOrder("{\"item\":\"cup\",\"quantity\":3}", key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(Json.read(retry.body()).get("id").asLong())
        .isEqualTo(Json.read(first.body()).get("id").asLong());
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  private HttpResponse<String> createOrder(String json) throws Exception {
    return createOrder(json, UUID.randomUUID().toString());
  }

  private HttpResponse<String> createOrder(String json, String idempotencyKey) throws Exception {
    return chain.send(
        chain
            .post("/api/orders", json)
            .header("Authorization", "Bearer " + aliceToken)
            .header("Idempotency-Key", idempotencyKey));
  }

  private List<JsonNode> listOrders() throws Exception {
    HttpResponse<String> response =
        chain.send(
            chain.request("/api/orders").header("Authorization", "Bearer " + aliceToken).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> orders = new java.util.ArrayList<>();
    Json.read(response.body()).get("orders").forEach(orders::add);
    return orders;
  }

  /** The span ids of the lines that {@code logger} wrote; fails when it wrote none. */
  private static List<String> spansOfLogger(List<JsonNode> lines, String logger) {
    List<String> spans =
        lines.stream()
            .filter(line -> line.path("logger_name").asText().equals(logger))
            .map(line -> line.get("span_id").asText())
            .toList();
    assertThat(spans).as("lines of %s in %s", logger, lines).isNotEmpty();
    return spans;
  }

  static void assertProblem(HttpResponse<String> response, int status, String traceId) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = Json.read(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).isNotEmpty();
    assertThat(problem.get("title").asText()).isNotEmpty();
    assertThat(problem.get("detail").asText()).isNotEmpty();
    assertThat(problem.get("traceId").asText()).isEqualTo(traceId);
    assertThat(response.body()).doesNotContain("Exception", "\tat ");
  }

  static void assertError(SpanData span, String errorType) {
    assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo(errorType);
  }

  private static void assertServerSpan(SpanData span, String name, String path, long status) {
    assertThat(span.getName()).isEqualTo(name);
    assertThat(span.getKind()).isEqualTo(SERVER);
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_REQUEST_METHOD))
        .isEqualTo(name.split(" ")[0]);
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_ROUTE)).isEqualTo(name.split(" ")[1]);
    assertThat(span.getAttributes().get(UrlAttributes.URL_PATH)).isEqualTo(path);
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(status);
    assertThat(span.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(span.getAttributes().get(ServerAttributes.SERVER_PORT)).isNotNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  private static void assertClientSpan(SpanData span, int port, String path, long status) {
    assertThat(span.getName()).isEqualTo("POST");
    assertThat(span.getKind()).isEqualTo(CLIENT);
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_REQUEST_METHOD)).isEqualTo("POST");
    assertThat(span.getAttributes().get(UrlAttributes.URL_FULL))
        .isEqualTo("http://127.0.0.1:" + port + path);
    assertThat(span.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(span.getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo(port);
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(status);
  }
}
