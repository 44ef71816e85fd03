package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.testing.RawHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad input corpus, sent to the real gateway (the three services as separate processes, the
 * Jaeger binary). Each row is a request and the 4xx it must get: always {@code
 * application/problem+json} with {@code type}, {@code title}, {@code status}, {@code detail} and
 * the {@code traceId}, never a 5xx, also where Jetty rejects the request before Javalin runs.
 * Afterwards every line that the three services wrote is still one JSON object, and none is a line
 * that a request forged.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputE2eIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A log line that a request tries to slip into a service's output. */
  private static final String FORGED_LINE = "{\"level\":\"ERROR\",\"message\":\"forged\"}";

  /** Closes the JSON string it lands in, breaks the line and starts a forged one. */
  private static final String LOG_INJECTION = "\"}\n" + FORGED_LINE;

  /** Over the 64 KiB body limit, with or without Content-Length. */
  private static final int OVERSIZED = 70_000;

  private LocalProcesses system;
  private Gateway gateway;
  private String token;

  @BeforeAll
  void startAndLogIn() throws Exception {
    system = LocalProcesses.withJaegerBinary("e2e-bad-input");
    gateway = new Gateway(system.gatewayUrl());
    token = gateway.login("alice", "wonderland");
  }

  @AfterAll
  void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  /** The corpus: name, request, expected status. Built after log-in, as rows need the token. */
  Stream<Arguments> corpus() throws Exception {
    return Stream.of(
        // Content types: the gateway takes JSON only, and says so before forwarding anything.
        row("login as text/plain", login("text/plain", loginBody("alice", "wonderland")), 415),
        row("login as a form", login("application/x-www-form-urlencoded", "username=alice"), 415),
        row("login without Content-Type", login(null, loginBody("alice", "wonderland")), 415),
        row("order as text/plain", order("text/plain", orderBody("tea", 1)), 415),
        row("order as XML", order("application/xml", "<order><item>tea</item></order>"), 415),
        // Sizes.
        row("order body over 64 KiB", order(JSON_TYPE, orderBody("x".repeat(OVERSIZED), 1)), 413),
        row(
            "chunked order body over 64 KiB",
            chunkedOrder(orderBody("x".repeat(OVERSIZED), 1)),
            413),
        row("20 KB X-Junk header", raw("GET /api/orders", "X-Junk: " + "x".repeat(20_000)), 431),
        row(
            "20 KB Authorization",
            raw("GET /api/orders", "Authorization: Bearer " + "x".repeat(20_000)),
            431),
        row("10 KB baggage", raw("GET /api/orders", "baggage: k=" + "v".repeat(10_000)), 431),
        row("10 KB path", raw("GET /api/" + "a".repeat(10_000)), 414),
        // Requests that are not HTTP as it should be.
        row("no Host", rawAsIs("GET /api/orders HTTP/1.1\r\nConnection: close\r\n\r\n"), 400),
        row("no request line", rawAsIs("GARBAGE\r\n\r\n"), 400),
        row("control character in a header name", raw("GET /api/orders", "X-Bad\u0001: y"), 400),
        row("Content-Length not a number", raw("POST /api/login", "Content-Length: abc"), 400),
        row(
            "Content-Length and chunked",
            raw("POST /api/login", "Content-Length: 5", "Transfer-Encoding: chunked"),
            400),
        // Routes and methods.
        row("unknown API route", api("GET", "/api/nope"), 404),
        row("unknown route", api("GET", "/nope"), 404),
        row("DELETE /api/orders", api("DELETE", "/api/orders"), 405),
        row("PUT /api/login", api("PUT", "/api/login"), 405),
        row("GET /api/login", api("GET", "/api/login"), 405),
        row("unknown method FOO", raw("FOO /api/orders"), 405),
        // Path traversal: nothing outside the static folder, nor an id that changes the path.
        row(
            "encoded ../ as an order id",
            authorized("GET", "/api/orders/..%2F..%2Fetc%2Fpasswd"),
            400),
        row("%2e%2e as an order id", authorized("GET", "/api/orders/%2e%2e"), 400),
        row("/../../etc/passwd", raw("GET /../../etc/passwd"), 400),
        row("/public/../../pom.xml", raw("GET /public/../../pom.xml"), 400),
        row("/index.html/../../../etc/passwd", raw("GET /index.html/../../../etc/passwd"), 400),
        row("/%2e%2e/%2e%2e/etc/passwd", raw("GET /%2e%2e/%2e%2e/etc/passwd"), 400),
        row("/..%2f..%2fpom.xml", raw("GET /..%2f..%2fpom.xml"), 404),
        row("/app.js/..%2f..%2f..%2fpom.xml", raw("GET /app.js/..%2f..%2f..%2fpom.xml"), 404),
        row("backslashes", raw("GET /..\\..\\pom.xml"), 400),
        row("NUL in the path", raw("GET /api/orders/%00"), 400),
        // JSON that is not the expected object.
        row("login: truncated JSON", login(JSON_TYPE, "{\"username\":"), 400),
        row("login: null", login(JSON_TYPE, "null"), 400),
        row("login: an array", login(JSON_TYPE, "[\"alice\",\"wonderland\"]"), 400),
        row(
            "login: an object as username",
            login(JSON_TYPE, "{\"username\":{\"$ne\":null},\"password\":\"x\"}"),
            400),
        row("login: empty body", login(JSON_TYPE, ""), 400),
        row(
            "login: nested 10000 deep",
            login(JSON_TYPE, "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
            400),
        row("order: quantity \"lots\"", order(JSON_TYPE, orderBody("tea", "lots")), 400),
        row("order: null", order(JSON_TYPE, "null"), 400),
        row("order: an array", order(JSON_TYPE, "[{\"item\":\"tea\",\"quantity\":1}]"), 400),
        row(
            "order: nested 10000 deep",
            order(JSON_TYPE, "[".repeat(10_000) + "]".repeat(10_000)),
            400),
        // SQL-like strings where they are not valid (as an item name they are: see below).
        row("SQL in the username", login(JSON_TYPE, loginBody("admin' OR '1'='1", "x")), 401),
        row("SQL in the password", login(JSON_TYPE, loginBody("alice", "' OR 1=1 --")), 401),
        row("SQL as an order id", authorized("GET", "/api/orders/1%20OR%201=1"), 400),
        row("SQL as the quantity", order(JSON_TYPE, orderBody("tea", "1 OR 1=1")), 400),
        // Log injection: no such user; an item name is one line of text.
        row(
            "username forging a log line",
            login(JSON_TYPE, loginBody("eve" + LOG_INJECTION, "x")),
            401),
        row("username with CR", login(JSON_TYPE, loginBody("eve\r" + FORGED_LINE, "x")), 401),
        row("username with NUL", login(JSON_TYPE, loginBody("eve\u0000alice", "x")), 401),
        row(
            "username with quotes",
            login(JSON_TYPE, loginBody("eve\",\"level\":\"ERROR", "x")),
            401),
        row("item forging a log line", order(JSON_TYPE, orderBody("tea" + LOG_INJECTION, 1)), 400),
        row("item with CR LF", order(JSON_TYPE, orderBody("tea\r\n" + FORGED_LINE, 1)), 400),
        row("item with NUL", order(JSON_TYPE, orderBody("tea\u0000pot", 1)), 400),
        row("item with U+2028", order(JSON_TYPE, orderBody("tea\u2028" + FORGED_LINE, 1)), 400),
        row("item with a terminal escape", order(JSON_TYPE, orderBody("tea\u001b[2J", 1)), 400),
        row("path forging a log line", raw("GET /api/x" + urlEncoded("\n" + FORGED_LINE)), 404));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @Order(1)
  void answersWithA4xxProblem(String name, Probe probe, int status) throws Exception {
    RawHttp.Reply reply = probe.send();

    assertThat(reply.status()).as("%s: %s", name, reply.body()).isEqualTo(status);
    assertThat(reply.status()).isBetween(400, 499);
    assertThat(reply.headers().get("content-type")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(reply.body());
    assertThat(problem.isObject()).as(reply.body()).isTrue();
    assertThat(problem.path("status").asInt()).isEqualTo(reply.status());
    assertThat(problem.path("type").asText()).isNotBlank();
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.path("traceId").asText()).matches("[0-9a-f]{32}");
    if (reply.status() == 405) {
      assertThat(reply.headers().get("allow")).as("Allow of a 405").isNotBlank();
    }
  }

  /** Not bad input: an item name that looks like SQL is a name like any other. */
  @Test
  @Order(2)
  void sqlLikeItemIsStoredVerbatimAndTheTableStillWorks() throws Exception {
    String item = "x'); DROP TABLE orders;-- \"quoted\" {\"message\":\"forged\"}";

    HttpResponse<String> created = gateway.createOrder(token, orderBody(item, 1));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = Gateway.json(created).get("id").asText();
    HttpResponse<String> read = gateway.send(authorizedRequest("/api/orders/" + id));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Gateway.json(read).get("item").asText()).isEqualTo(item);
    HttpResponse<String> list = gateway.send(authorizedRequest("/api/orders"));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(Gateway.json(list).get("orders"))
        .anySatisfy(order -> assertThat(order.get("item").asText()).isEqualTo(item));
  }

  /** A request rejected before any handler ran still names a trace that Jaeger shows. */
  @Test
  @Order(3)
  void aRequestRejectedBeforeRoutingIsATraceInJaeger() throws Exception {
    RawHttp.Reply reply = raw("GET /api/orders", "X-Junk: " + "x".repeat(20_000)).send();
    assertThat(reply.status()).isEqualTo(431);
    String traceId = JSON.readTree(reply.body()).path("traceId").asText();

    JaegerSpan span =
        new JaegerQuery(system.jaegerQueryUrl())
            .awaitTrace(traceId, ExpectedSpans.rejectedByGateway())
            .entry();

    assertThat(span.tag("http.response.status_code")).isEqualTo("431");
    assertThat(span.logs())
        .anyMatch(line -> line.startsWith("request rejected before routing: 431"));
  }

  @Test
  @Order(4)
  void everyLogLineIsStillOneJsonObjectAndNoneIsForged() throws Exception {
    for (Service service : Service.values()) {
      List<JsonNode> lines = LogLines.parseAll(system.outputLines(service), service.serviceName);
      assertThat(lines).as("%s log", service.serviceName).isNotEmpty();
      assertThat(lines)
          .allSatisfy(
              line ->
                  assertThat(line.path("message").asText())
                      .as(line.toString())
                      .isNotEqualTo("forged"));
    }
    // The forged line did reach a log, through the path of a 404: as text inside one line.
    assertThat(system.outputLines(Service.GATEWAY)).anyMatch(line -> line.contains("forged"));
  }

  // --- The requests of the corpus -----------------------------------------------------------

  private static final String JSON_TYPE = "application/json";

  /** What a row sends; {@code toString} stays short, as some rows are 20 KB. */
  interface Probe {
    RawHttp.Reply send() throws Exception;
  }

  private static Arguments row(String name, Probe probe, int status) {
    return arguments(name, probe, status);
  }

  /** Through java.net.http: a request any HTTP client could send. */
  private Probe api(String method, String path) {
    return api(method, path, Map.of(), "");
  }

  private Probe authorized(String method, String path) {
    return api(method, path, Map.of("Authorization", "Bearer " + token), "");
  }

  private Probe login(String contentType, String body) {
    return api(
        "POST",
        "/api/login",
        contentType == null ? Map.of() : Map.of("Content-Type", contentType),
        body);
  }

  private Probe order(String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + token);
    headers.put("Content-Type", contentType);
    return api("POST", "/api/orders", headers, body);
  }

  private Probe api(String method, String path, Map<String, String> headers, String body) {
    return () -> {
      HttpRequest.Builder request =
          gateway
              .request(path)
              .method(
                  method,
                  body.isEmpty()
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(request::header);
      return RawHttp.Reply.of(gateway.send(request));
    };
  }

  /** Over a socket: {@code requestLine} (HTTP/1.1 added), {@code headers}, Host, no body. */
  private Probe raw(String requestLine, String... headers) {
    StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("Host: gateway\r\nConnection: close\r\n\r\n");
    return rawAsIs(head.toString());
  }

  /** Over a socket, exactly {@code head} and nothing more. */
  private Probe rawAsIs(String head) {
    return () -> RawHttp.exchange(system.gatewayUrl(), head, new byte[0]);
  }

  /** An order whose body comes in 8 KiB chunks, without Content-Length. */
  private Probe chunkedOrder(String body) {
    String head =
        "POST /api/orders HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n"
            + "Authorization: Bearer "
            + token
            + "\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    StringBuilder chunked = new StringBuilder();
    for (int start = 0; start < body.length(); start += 8192) {
      String chunk = body.substring(start, Math.min(body.length(), start + 8192));
      chunked
          .append(Integer.toHexString(chunk.length()))
          .append("\r\n")
          .append(chunk)
          .append("\r\n");
    }
    chunked.append("0\r\n\r\n");
    byte[] bytes = chunked.toString().getBytes(StandardCharsets.US_ASCII);
    return () -> RawHttp.exchange(system.gatewayUrl(), head, bytes);
  }

  private static String loginBody(String username, String password) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", username);
    body.put("password", password);
    return JSON.writeValueAsString(body);
  }

  private static String orderBody(String item, Object quantity) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("item", item);
    body.put("quantity", quantity);
    return JSON.writeValueAsString(body);
  }

  private static String urlEncoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder authorizedRequest(String path) {
    return gateway.request(path).header("Authorization", "Bearer " + token);
  }
}
