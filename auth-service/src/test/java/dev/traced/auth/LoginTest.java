package dev.traced.auth;

import static dev.traced.auth.TestStack.json;
import static dev.traced.auth.TestStack.loginBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.traced.telemetry.EndUser;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginTest {

  static final String PROBLEM_JSON = "application/problem+json;charset=utf-8";

  private TestStack stack;

  @BeforeEach
  void start() {
    stack = TestStack.start();
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void issuesABearerTokenThatVerifies() throws Exception {
    HttpResponse<String> response = login(loginBody("alice", "wonderland"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json(response);
    assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(body.get("expiresIn").asLong()).isEqualTo(TestStack.TOKEN_TTL.toSeconds());
    assertThat(body.size()).isEqualTo(3);
    String token = body.get("accessToken").asText();
    assertThat(stack.tokens.verify("Bearer " + token)).isEqualTo("alice");

    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("auth-service");
    assertThat(claims.getAudience()).containsExactly("gateway-service");
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getExpirationTime().toInstant())
        .isBetween(
            Instant.now().plus(TestStack.TOKEN_TTL).minusSeconds(10),
            Instant.now().plus(TestStack.TOKEN_TTL).plusSeconds(1));

    SpanData server = stack.serverSpan();
    assertThat(server.getName()).isEqualTo("POST /login");
    assertThat(server.getAttributes().get(EndUser.ENDUSER_ID)).isEqualTo("alice");
  }

  @Test
  void rejectsAWrongPasswordAndAnUnknownUserAlike() throws Exception {
    HttpResponse<String> wrongPassword = login(loginBody("alice", "looking-glass"));
    String wrongPasswordTrace = stack.serverSpan().getTraceId();
    stack.telemetry.reset();
    HttpResponse<String> unknownUser = login(loginBody("mallory", "wonderland"));
    String unknownUserTrace = stack.serverSpan().getTraceId();

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownUser.statusCode()).isEqualTo(401);
    String detail = "invalid username or password";
    assertThat(json(wrongPassword))
        .isEqualTo(problem(401, "Unauthorized", detail, wrongPasswordTrace));
    assertThat(json(unknownUser)).isEqualTo(problem(401, "Unauthorized", detail, unknownUserTrace));
    assertThat(wrongPassword.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  @Test
  void leavesNoUserOnTheSpanOfAFailedLogin() throws Exception {
    login(loginBody("bob", "wrong"));

    SpanData server = stack.serverSpan();
    assertThat(server.getAttributes().get(EndUser.ENDUSER_ID)).isNull();
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void logsInBobToo() throws Exception {
    HttpResponse<String> response = login(loginBody("bob", "builder"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stack.tokens.verify("Bearer " + json(response).get("accessToken").asText()))
        .isEqualTo("bob");
  }

  @Test
  void answersMalformedJsonWith400() throws Exception {
    HttpResponse<String> response = login("{\"username\": \"alice\", ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    JsonNode body = json(response);
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("title").asText()).isEqualTo("Bad Request");
    assertThat(body.get("traceId").asText()).isEqualTo(stack.serverSpan().getTraceId());
  }

  @Test
  void answersMissingFieldsWith400() throws Exception {
    HttpResponse<String> response = login("{\"username\": \"alice\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response))
        .isEqualTo(
            problem(
                400,
                "Bad Request",
                "REQUEST_BODY: password is required",
                stack.serverSpan().getTraceId()));
  }

  @Test
  void answersAnEmptyBodyWith400() throws Exception {
    HttpResponse<String> response = login("");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("traceId").asText()).isEqualTo(stack.serverSpan().getTraceId());
  }

  @Test
  void answersAJsonArrayWith400() throws Exception {
    assertThat(login("[]").statusCode()).isEqualTo(400);
  }

  @Test
  void reportsHealthWithoutASpan() throws Exception {
    HttpResponse<String> response = stack.send("GET", "/health", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    // A traced request after it: once its span has ended, a span of the health check would have.
    stack.send(
        "POST",
        "/login",
        TestStack.loginBody("alice", "wrong"),
        "Content-Type",
        "application/json");
    assertThat(stack.serverSpan().getName()).isEqualTo("POST /login");
    assertThat(stack.spans()).hasSize(1);
  }

  private HttpResponse<String> login(String body) throws Exception {
    return stack.send("POST", "/login", body, "Content-Type", "application/json");
  }

  static ObjectNode problem(int status, String title, String detail, String traceId) {
    return new ObjectMapper()
        .createObjectNode()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("traceId", traceId);
  }
}
