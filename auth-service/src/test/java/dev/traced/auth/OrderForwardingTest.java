package dev.traced.auth;

import static dev.traced.auth.LoginTest.PROBLEM_JSON;
import static dev.traced.auth.LoginTest.problem;
import static dev.traced.auth.TestStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.traced.telemetry.EndUser;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderForwardingTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String GATEWAY_SPAN_ID = "00f067aa0ba902b7";
  private static final String ORDER_BODY = "{\"item\":\"book\",\"quantity\":2}";

  private TestStack stack;
  private String token;

  @BeforeEach
  void start() throws Exception {
    stack = TestStack.start();
    token = stack.login("alice", "wonderland");
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void forwardsACreatedOrderWithASignedIdentityAndTheTrace() throws Exception {
    HttpResponse<String> response =
        postOrder(
            "Idempotency-Key",
            "key-123",
            "traceparent",
            "00-" + TRACE_ID + "-" + GATEWAY_SPAN_ID + "-01",
            "baggage",
            "tenant=acme");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo(OrderServiceStandIn.CREATED_ORDER);
    assertThat(response.headers().firstValue("Location")).hasValue("/orders/7");

    SpanData server = stack.serverSpan();
    SpanData client = stack.clientSpan();
    // The middle hop continues the caller's trace...
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo(GATEWAY_SPAN_ID);
    // ...and passes it on from its own CLIENT span.
    OrderServiceStandIn.Received call = stack.orderService.nextCall();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/orders");
    assertThat(call.body()).isEqualTo(ORDER_BODY);
    assertThat(call.header("Content-Type")).isEqualTo("application/json");
    assertThat(call.header("Idempotency-Key")).isEqualTo("key-123");
    assertThat(call.header("traceparent"))
        .isEqualTo("00-" + server.getTraceId() + "-" + client.getSpanId() + "-01");
    assertThat(call.header("baggage")).isEqualTo("tenant=acme");
    assertIdentityOf(call, "alice");
  }

  @Test
  void makesTheClientSpanAChildOfTheServerSpan() throws Exception {
    postOrder();

    SpanData server = stack.serverSpan();
    SpanData client = stack.clientSpan();
    assertThat(server.getName()).isEqualTo("POST /orders");
    assertThat(server.getAttributes().get(EndUser.ENDUSER_ID)).isEqualTo("alice");
    assertThat(client.getName()).isEqualTo("POST");
    assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(client.getTraceId()).isEqualTo(server.getTraceId());
    assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(client.getAttributes().get(UrlAttributes.URL_FULL))
        .isEqualTo(stack.orderService.url() + "/orders");
    assertThat(client.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(client.getAttributes().get(ServerAttributes.SERVER_PORT))
        .isEqualTo((long) stack.orderService.port());
    assertThat(client.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(201);
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void forwardsReadsWithTheSamePath() throws Exception {
    String bearer = "Bearer " + token;
    HttpResponse<String> list = stack.send("GET", "/orders", null, "Authorization", bearer);
    OrderServiceStandIn.Received listCall = stack.orderService.nextCall();
    HttpResponse<String> one = stack.send("GET", "/orders/7", null, "Authorization", bearer);
    OrderServiceStandIn.Received oneCall = stack.orderService.nextCall();

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("[]");
    assertThat(listCall.method()).isEqualTo("GET");
    assertThat(listCall.path()).isEqualTo("/orders");
    assertThat(listCall.header("Idempotency-Key")).isNull();
    assertIdentityOf(listCall, "alice");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).isEqualTo(OrderServiceStandIn.CREATED_ORDER);
    assertThat(oneCall.path()).isEqualTo("/orders/7");
    assertIdentityOf(oneCall, "alice");
  }

  @Test
  void keepsAnOrderIdFromChangingTheForwardedPath() throws Exception {
    stack.send("GET", "/orders/7%2F..%2Fadmin", null, "Authorization", "Bearer " + token);

    assertThat(stack.orderService.nextCall().path()).isEqualTo("/orders/7%2F..%2Fadmin");
  }

  @Test
  void passesAClientErrorThroughUnchanged() throws Exception {
    HttpResponse<String> response =
        stack.send("GET", "/orders/99", null, "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo(OrderServiceStandIn.NOT_FOUND_PROBLEM);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void turnsAServerErrorOfOrderServiceInto502() throws Exception {
    stack.orderService.failWith(500);

    HttpResponse<String> response = postOrder();

    SpanData server = stack.serverSpan();
    SpanData client = stack.clientSpan();
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(json(response))
        .isEqualTo(
            problem(
                502, "Bad Gateway", "order-service failed with status 500", server.getTraceId()));
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("500");
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void answers503WhenOrderServiceIsDown() throws Exception {
    stack.orderService.close();

    HttpResponse<String> response =
        stack.send("GET", "/orders", null, "Authorization", "Bearer " + token);

    SpanData server = stack.serverSpan();
    SpanData client = stack.clientSpan();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response))
        .isEqualTo(
            problem(
                503,
                "Service Unavailable",
                "the next service is unreachable",
                server.getTraceId()));
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(ErrorAttributes.ERROR_TYPE))
        .isEqualTo("java.net.ConnectException");
    assertThat(client.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isNull();
  }

  static Stream<Arguments> badCredentials() {
    String forged =
        AccessTokens.create("some-other-secret-0123456789abcdef-0123456789", TestStack.TOKEN_TTL)
            .issue("alice");
    Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    String expired =
        new AccessTokens(TestStack.TOKEN_SECRET, Duration.ofHours(1), twoHoursAgo).issue("alice");
    String unsigned =
        new PlainJWT(
                new JWTClaimsSet.Builder()
                    .issuer(AccessTokens.ISSUER)
                    .audience(AccessTokens.AUDIENCE)
                    .subject("alice")
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .build())
            .serialize();
    String assertion = IdentityAssertions.create(TestStack.IDENTITY_SECRET).mint("alice");
    return Stream.of(
        Arguments.of("no header", null, "missing bearer token"),
        Arguments.of(
            "basic", "Basic YWxpY2U6d29uZGVybGFuZA==", "authorization scheme must be Bearer"),
        Arguments.of("garbage", "Bearer not-a-token", "malformed bearer token"),
        Arguments.of("alg none", "Bearer " + unsigned, "malformed bearer token"),
        Arguments.of("forged", "Bearer " + forged, "token signature is invalid"),
        Arguments.of("expired", "Bearer " + expired, "token rejected: Expired JWT"),
        Arguments.of("assertion", "Bearer " + assertion, "token signature is invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCredentials")
  void rejectsBadCredentialsWith401(String name, String authorization, String detail)
      throws Exception {
    HttpResponse<String> response =
        authorization == null
            ? stack.send("GET", "/orders", null)
            : stack.send("GET", "/orders", null, "Authorization", authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(json(response))
        .isEqualTo(problem(401, "Unauthorized", detail, stack.serverSpan().getTraceId()));
    assertThat(stack.orderService.receivedNothing()).isTrue();
    assertThat(stack.serverSpan().getAttributes().get(EndUser.ENDUSER_ID)).isNull();
  }

  /** Checks the identity assertion of {@code call} the way order-service does. */
  private static void assertIdentityOf(OrderServiceStandIn.Received call, String userId)
      throws Exception {
    String authorization = call.header("Authorization");
    assertThat(authorization).startsWith("Bearer ");
    SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(
            jwt.verify(new MACVerifier(TestStack.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8))))
        .isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("auth-service");
    assertThat(claims.getAudience()).containsExactly("order-service");
    assertThat(claims.getSubject()).isEqualTo(userId);
    assertThat(claims.getJWTID()).isNotBlank();
    Instant now = Instant.now();
    assertThat(claims.getIssueTime().toInstant()).isBetween(now.minusSeconds(10), now);
    assertThat(claims.getExpirationTime().toInstant())
        .isAfter(now)
        .isBeforeOrEqualTo(now.plusSeconds(60));
  }

  /** {@code POST /orders} with the order body, alice's token, JSON, and {@code headers}. */
  private HttpResponse<String> postOrder(String... headers) throws Exception {
    String[] all = new String[headers.length + 4];
    all[0] = "Authorization";
    all[1] = "Bearer " + token;
    all[2] = "Content-Type";
    all[3] = "application/json";
    System.arraycopy(headers, 0, all, 4, headers.length);
    return stack.send("POST", "/orders", ORDER_BODY, all);
  }
}
