package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.javalin.http.UnauthorizedResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class IdentityTest extends SharedServiceTest {

  private static final String PROBLEM_JSON = "application/problem+json;charset=utf-8";

  private static final String OTHER_SECRET = "another-secret-that-is-long-enough-0123456789";

  @Test
  void missingAssertionIsUnauthorized() throws Exception {
    HttpResponse<String> response = service.send(service.request("/orders"));

    assertUnauthorized(response, "missing Authorization header");
  }

  @Test
  void nonBearerAssertionIsUnauthorized() throws Exception {
    HttpResponse<String> response =
        service.send(service.request("/orders").header("Authorization", "Basic YWxpY2U6eA=="));

    assertUnauthorized(response, "Authorization header is not a Bearer token");
  }

  @Test
  void garbageTokenIsUnauthorized() throws Exception {
    assertUnauthorized(call("not-a-jwt"), "identity assertion is not a signed JWT");
  }

  @Test
  void forgedAssertionIsUnauthorized() throws Exception {
    String forged = TestService.token(OTHER_SECRET, JWSAlgorithm.HS256, claims -> {});

    assertUnauthorized(call(forged), "identity assertion signature is invalid");
  }

  @Test
  void expiredAssertionIsUnauthorized() throws Exception {
    Instant past = Instant.now().minusSeconds(120);
    String expired =
        TestService.token(
            TestService.SECRET,
            JWSAlgorithm.HS256,
            c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))));

    assertUnauthorized(call(expired), "identity assertion rejected: Expired JWT");
  }

  @Test
  void wrongAudienceIsUnauthorized() throws Exception {
    String token =
        TestService.token(
            TestService.SECRET, JWSAlgorithm.HS256, c -> c.audience("gateway-service"));

    assertUnauthorized(call(token), "identity assertion rejected: JWT aud claim rejected");
  }

  @Test
  void wrongIssuerIsUnauthorized() throws Exception {
    String token =
        TestService.token(TestService.SECRET, JWSAlgorithm.HS256, c -> c.issuer("gateway-service"));

    assertUnauthorized(
        call(token),
        "identity assertion rejected: JWT iss claim value rejected");
  }

  @Test
  void missingSubjectIsUnauthorized() throws Exception {
    String token = TestService.token(TestService.SECRET, JWSAlgorithm.HS256, c -> c.subject(null));

    assertUnauthorized(
        call(token), "identity assertion rejected: JWT missing required claims: [sub]");
  }

  @Test
  void hs384IsUnauthorizedEvenWithTheRightKey() throws Exception {
    String token = TestService.token(TestService.SECRET, JWSAlgorithm.HS384, c -> {});

    assertUnauthorized(call(token), "identity assertion algorithm must be HS256");
  }

  @Test
  void unsignedAssertionIsUnauthorized() throws Exception {
    String unsigned =
        new PlainJWT(
                new PlainHeader(),
                new JWTClaimsSet.Builder()
                    .issuer("auth-service")
                    .audience("order-service")
                    .subject("alice")
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                    .build())
            .serialize();

    assertUnauthorized(call(unsigned), "identity assertion is not a signed JWT");
  }

  @Test
  void rejectedCreateStoresNothing() throws Exception {
    String forged = TestService.token(OTHER_SECRET, JWSAlgorithm.HS256, claims -> {});
    HttpResponse<String> response =
        service.send(
            service
                .request("/orders")
                .header("Authorization", "Bearer " + forged)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"a\",\"quantity\":1}")));

    assertUnauthorized(response, "identity assertion signature is invalid");
    assertThat(service.rowCount()).isZero();
  }

  @Test
  void validAssertionNamesTheUser() {
    IdentityVerifier verifier = new IdentityVerifier(TestService.SECRET);

    assertThat(verifier.verify("Bearer " + TestService.token("alice"))).isEqualTo("alice");
    assertThat(verifier.verify("bearer " + TestService.token("bob"))).isEqualTo("bob");
  }

  @Test
  void rejectionIsAnUnauthorizedResponse() {
    IdentityVerifier verifier = new IdentityVerifier(TestService.SECRET);

    assertThatThrownBy(() -> verifier.verify(null))
        .isInstanceOf(UnauthorizedResponse.class)
        .hasMessage("missing Authorization header");
  }

  @Test
  void shortSecretFailsAtStart() {
    assertThatThrownBy(() -> new IdentityVerifier("x".repeat(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IDENTITY_SECRET must be at least 32 bytes, got 31");
    assertThat(new IdentityVerifier("x".repeat(32)).verify("Bearer "
            + TestService.token("x".repeat(32), JWSAlgorithm.HS256, c -> {})))
        .isEqualTo("alice");
  }

  @Test
  void developmentSecretIsAcceptedWithAWarning() {
    String token =
        TestService.token(IdentityVerifier.DEVELOPMENT_SECRET, JWSAlgorithm.HS256, c -> {});

    assertThat(new IdentityVerifier(IdentityVerifier.DEVELOPMENT_SECRET).verify("Bearer " + token))
        .isEqualTo("alice");
    assertThat(IdentityVerifier.DEVELOPMENT_SECRET)
        .isEqualTo("dev-only-identity-secret-change-me-0123456789");
  }

  private HttpResponse<String> call(String token) throws Exception {
    return service.send(service.request("/orders").header("Authorization", "Bearer " + token));
  }

  private static void assertUnauthorized(HttpResponse<String> response, String detail)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    JsonNode problem = TestService.json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
    assertThat(problem.get("detail").asText()).isEqualTo(detail);
    assertThat(problem.get("traceId").asText()).matches("[0-9a-f]{32}");
  }
}
