package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a user checks after {@code docker compose up}, as tests: real requests through the gateway,
 * then Jaeger's query API and the services' own stdout. Each subclass supplies the system: separate
 * processes with the Jaeger binary or container, or compose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class EndToEndChecks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeployedSystem system;
  private Gateway gateway;
  private JaegerQuery jaeger;
  private String token;

  /** Starts the system under test, or skips (fails on CI) when its backend is missing. */
  abstract DeployedSystem startSystem() throws Exception;

  @BeforeAll
  final void startAndLogIn() throws Exception {
    system = startSystem();
    gateway = new Gateway(system.gatewayUrl());
    jaeger = new JaegerQuery(system.jaegerQueryUrl());
    token = gateway.login("alice", "wonderland");
  }

  Gateway gateway() {
    return gateway;
  }

  JaegerQuery jaeger() {
    return jaeger;
  }

  /** alice's access token. */
  String token() {
    return token;
  }

  @AfterAll
  final void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  @Order(1)
  void createdOrderIsOneTraceAcrossTheThreeServicesInJaeger() throws Exception {
    HttpResponse<String> response =
        gateway.createOrder(token, "{\"item\":\"teapot\",\"quantity\":2}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JaegerTrace trace = jaeger.awaitTrace(Gateway.traceIdOf(response), ExpectedSpans.CREATED_ORDER);

    JaegerSpan gatewayServer = trace.entry();
    JaegerSpan gatewayClient = trace.child(gatewayServer, Service.GATEWAY, "client");
    JaegerSpan authServer = trace.child(gatewayClient, Service.AUTH, "server");
    JaegerSpan authClient = trace.child(authServer, Service.AUTH, "client");
    JaegerSpan orderServer = trace.child(authClient, Service.ORDER, "server");
    List<JaegerSpan> queries = trace.children(orderServer, Service.ORDER, "client");

    assertThat(gatewayServer.parentSpanId()).isNull();
    assertThat(trace.spans())
        .filteredOn(span -> span.parentSpanId() != null)
        .allSatisfy(span -> assertThat(trace.spanIds()).contains(span.parentSpanId()));
    assertServer(gatewayServer, "POST /api/orders", "/api/orders", "201");
    assertClient(gatewayClient, "/orders", "201");
    assertServer(authServer, "POST /orders", "/orders", "201");
    assertClient(authClient, "/orders", "201");
    assertServer(orderServer, "POST /orders", "/orders", "201");
    assertThat(orderServer.tag("enduser.id")).isEqualTo("alice");
    assertThat(orderServer.tag("order.id")).isEqualTo(Gateway.json(response).get("id").asText());
    assertThat(queries).isNotEmpty();
    assertThat(queries)
        .allSatisfy(query -> assertThat(query.tag("db.system")).isEqualTo(system.databaseSystem()));
    assertThat(queries).anySatisfy(query -> assertThat(query.operation()).startsWith("INSERT"));
    // Each service's log lines of the request are inside its span, as Jaeger shows them.
    assertThat(gatewayServer.logs()).anyMatch(line -> line.startsWith("forwarding POST /orders"));
    assertThat(authServer.logs()).contains("token verified");
    assertThat(orderServer.logs()).anyMatch(line -> line.startsWith("order stored"));
  }

  @Test
  @Order(2)
  void everyLogLineOfTheRequestNamesItsTraceAndASpanOfIt() throws Exception {
    HttpResponse<String> response =
        gateway.createOrder(token, "{\"item\":\"kettle\",\"quantity\":1}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String traceId = Gateway.traceIdOf(response);
    JaegerTrace trace = jaeger.awaitTrace(traceId, ExpectedSpans.CREATED_ORDER);

    for (Service service : Service.values()) {
      List<JsonNode> lines =
          system.outputLines(service).stream()
              .filter(line -> line.contains(traceId))
              .map(EndToEndChecks::parseJsonLine)
              .toList();
      assertThat(lines).as("%s log lines of trace %s", service.serviceName, traceId).isNotEmpty();
      assertThat(lines)
          .allSatisfy(
              line -> {
                assertThat(line.path("trace_id").asText()).isEqualTo(traceId);
                assertThat(trace.spanIds()).contains(line.path("span_id").asText());
                assertThat(line.path("service.name").asText()).isEqualTo(service.serviceName);
              });
    }
  }

  @Test
  @Order(3)
  void jaegerListsTheThreeServices() {
    assertThat(jaeger.services())
        .contains(Service.GATEWAY.serviceName, Service.AUTH.serviceName, Service.ORDER.serviceName);
  }

  @Test
  @Order(4)
  void badTokenMarksTheGatewaysCallToAuthAsFailed() throws Exception {
    HttpResponse<String> response =
        gateway.send(gateway.request("/api/orders").header("Authorization", "Bearer forged").GET());

    assertThat(response.statusCode()).isEqualTo(401);
    // auth-service refuses the token itself: no call to order-service.
    JaegerTrace trace =
        jaeger.awaitTrace(Gateway.traceIdOf(response), ExpectedSpans.answeredByAuth());
    JaegerSpan gatewayClient = trace.child(trace.entry(), Service.GATEWAY, "client");
    assertFailed(gatewayClient, "401");
    assertThat(trace.child(gatewayClient, Service.AUTH, "server").tag("http.response.status_code"))
        .isEqualTo("401");
    assertThat(trace.touches(Service.ORDER)).isFalse();
  }

  @Test
  @Order(5)
  void unknownOrderMarksEveryCallOnTheWayBack() throws Exception {
    HttpResponse<String> response =
        gateway.send(
            gateway
                .request("/api/orders/987654321")
                .header("Authorization", "Bearer " + token)
                .GET());

    assertThat(response.statusCode()).isEqualTo(404);
    // order-service looked for the order: one SELECT that found nothing.
    JaegerTrace trace = jaeger.awaitTrace(Gateway.traceIdOf(response), ExpectedSpans.READ_ORDERS);
    JaegerSpan gatewayServer = trace.entry();
    JaegerSpan gatewayClient = trace.child(gatewayServer, Service.GATEWAY, "client");
    JaegerSpan authClient =
        trace.child(trace.child(gatewayClient, Service.AUTH, "server"), Service.AUTH, "client");
    JaegerSpan orderServer = trace.child(authClient, Service.ORDER, "server");
    assertThat(gatewayServer.operation()).isEqualTo("GET /api/orders/{id}");
    assertThat(orderServer.operation()).isEqualTo("GET /orders/{id}");
    assertFailed(gatewayClient, "404");
    assertFailed(authClient, "404");
  }

  @Test
  @Order(6)
  void aTraceStartedByAnOutsideW3cClientIsContinued() throws Exception {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String parentSpanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    HttpResponse<String> response =
        gateway.send(
            gateway
                .request("/api/orders")
                .header("Authorization", "Bearer " + token)
                .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Gateway.traceIdOf(response)).isEqualTo(traceId);
    JaegerTrace trace = jaeger.awaitTrace(traceId, ExpectedSpans.READ_ORDERS);
    assertThat(trace.entry().parentSpanId()).isEqualTo(parentSpanId);
    assertThat(trace.touches(Service.ORDER)).isTrue();
  }

  @Test
  @Order(7)
  void aDemoScenarioTravelsAsBaggageToEveryServiceItsSpansAndItsLogs() throws Exception {
    HttpResponse<String> response =
        gateway.send(
            gateway
                .request("/api/orders")
                .header("Authorization", "Bearer " + token)
                .header("Demo-Scenario", "slow-database")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    String traceId = Gateway.traceIdOf(response);
    // The slow statement (SELECT demo_sleep), then the list's SELECT.
    JaegerTrace trace = jaeger.awaitTrace(traceId, ExpectedSpans.answeredByOrder(2));
    assertThat(trace.spans())
        .allSatisfy(span -> assertThat(span.tag("demo.scenario")).isEqualTo("slow-database"));
    JaegerSpan slowQuery =
        trace.spans().stream()
            .filter(span -> "SELECT demo_sleep(?)".equals(span.tag("db.statement")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no slow query in " + trace.spans()));
    assertThat(slowQuery.service()).isEqualTo(Service.ORDER.serviceName);
    for (Service service : Service.values()) {
      assertThat(system.outputLines(service))
          .filteredOn(line -> line.contains(traceId))
          .isNotEmpty()
          .allSatisfy(
              line ->
                  assertThat(parseJsonLine(line).path("baggage.demo.scenario").asText())
                      .isEqualTo("slow-database"));
    }
  }

  @Test
  @Order(8)
  void baggageFromOutsideCannotChooseAScenario() throws Exception {
    HttpResponse<String> response =
        gateway.send(
            gateway
                .request("/api/orders")
                .header("Authorization", "Bearer " + token)
                .header("baggage", "demo.scenario=order-failure")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    JaegerTrace trace = jaeger.awaitTrace(Gateway.traceIdOf(response), ExpectedSpans.READ_ORDERS);
    assertThat(trace.spans()).allSatisfy(span -> assertThat(span.tag("demo.scenario")).isNull());
  }

  @Test
  @Order(9)
  void aStoppedOrderServiceMarksAuthsCallAsFailed() throws Exception {
    system.stop(Service.ORDER);
    try {
      HttpResponse<String> response =
          gateway.send(
              gateway.request("/api/orders").header("Authorization", "Bearer " + token).GET());

      assertThat(response.statusCode()).isEqualTo(502);
      String traceId = Gateway.traceIdOf(response);
      assertThat(Gateway.json(response).get("traceId").asText()).isEqualTo(traceId);
      // order-service never answers: auth-service's CLIENT span is the last of the trace.
      JaegerTrace trace = jaeger.awaitTrace(traceId, ExpectedSpans.orderUnreachable());
      JaegerSpan gatewayClient = trace.child(trace.entry(), Service.GATEWAY, "client");
      JaegerSpan authServer = trace.child(gatewayClient, Service.AUTH, "server");
      JaegerSpan authClient = trace.child(authServer, Service.AUTH, "client");
      assertThat(authClient.isError()).as("%s", authClient).isTrue();
      // Connection refused, or the name no longer resolves under compose.
      assertThat(authClient.tag("error.type")).startsWith("java.net.");
      assertFailed(authServer, "503");
      assertFailed(gatewayClient, "503");
      assertFailed(trace.entry(), "502");
      assertThat(trace.touches(Service.ORDER)).isFalse();
    } finally {
      system.start(Service.ORDER);
    }
  }

  private static JsonNode parseJsonLine(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as(line).isTrue();
      return node;
    } catch (Exception e) {
      throw new AssertionError("log line is not one JSON object: " + line, e);
    }
  }

  private static void assertServer(JaegerSpan span, String name, String path, String status) {
    assertThat(span.operation()).isEqualTo(name);
    assertThat(span.kind()).isEqualTo("server");
    assertThat(span.tag("http.request.method")).isEqualTo(name.split(" ")[0]);
    assertThat(span.tag("http.route")).isEqualTo(name.split(" ")[1]);
    assertThat(span.tag("url.path")).isEqualTo(path);
    assertThat(span.tag("http.response.status_code")).isEqualTo(status);
    assertThat(span.tag("server.address")).isNotBlank();
    assertThat(span.isError()).isFalse();
  }

  private static void assertClient(JaegerSpan span, String path, String status) {
    assertThat(span.operation()).isEqualTo("POST");
    assertThat(span.kind()).isEqualTo("client");
    assertThat(span.tag("http.request.method")).isEqualTo("POST");
    assertThat(span.tag("url.full")).endsWith(path);
    assertThat(span.tag("server.address")).isNotBlank();
    assertThat(span.tag("server.port")).isNotBlank();
    assertThat(span.tag("http.response.status_code")).isEqualTo(status);
  }

  private static void assertFailed(JaegerSpan span, String errorType) {
    assertThat(span.isError()).as("%s", span).isTrue();
    assertThat(span.tag("otel.status_code")).isEqualTo("ERROR");
    assertThat(span.tag("error.type")).isEqualTo(errorType);
  }
}
