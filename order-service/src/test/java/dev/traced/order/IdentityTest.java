package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.traced.kit.jwt.BearerJwtVerifier;
import dev.traced.kit.jwt.HmacSecrets;
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

    assertUnauthorized(response, "missing bearer token");
  }

  @Test
  void nonBearerAssertionIsUnauthorized() throws Exception {
    HttpResponse<String> response =
        service.send(service.request("/orders").header("Authorization", "Basic YWxpY2U6eA=="));

    assertUnauthorized(response, "authorization scheme must be Bearer");
  }

  @Test
  void garbageTokenIsUnauthorized() throws Exception {
    assertUnauthorized(call("not-a-jwt"), "malformed bearer token");
  }

  @Test
  void forgedAssertionIsUnauthorized() throws Exception {
    String forged = TestService.token(OTHER_SECRET, JWSAlgorithm.HS256, claims -> {});

    assertUnauthorized(call(forged), "token signature is invalid");
  }

  @Test
  void expiredAssertionIsUnauthorized() throws Exception {
    Instant past = Instant.now().minusSeconds(120);
    String expired =
        TestService.token(
            TestService.SECRET,
            JWSAlgorithm.HS256,
            c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))));

    assertUnauthorized(call(expired), "token rejected: Expired JWT");
  }

  @Test
  void wrongAudienceIsUnauthorized() throws Exception {
    String token =
        TestService.token(
            TestService.SECRET, JWSAlgorithm.HS256, c -> c.audience("gateway-service"));

    assertUnauthorized(call(token), "token rejected: JWT aud claim rejected");
  }

  @Test
  void wrongIssuerIsUnauthorized() throws Exception {
    String token =
        TestService.token(TestService.SECRET, JWSAlgorithm.HS256, c -> c.issuer("gateway-service"));

    assertUnauthorized(call(token), "token rejected: JWT iss claim value rejected");
  }

  @Test
  void missingSubjectIsUnauthorized() throws Exception {
    String token = TestService.token(TestService.SECRET, JWSAlgorithm.HS256, c -> c.subject(null));

    assertUnauthorized(call(token), "token rejected: JWT missing required claims: [sub]");
  }

  @Test
  void hs384IsUnauthorizedEvenWithTheRightKey() throws Exception {
    String token = TestService.token(TestService.SECRET, JWSAlgorithm.HS384, c -> {});

    assertUnauthorized(call(token), "token algorithm must be HS256");
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

    assertUnauthorized(call(unsigned), "malformed bearer token");
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

    assertUnauthorized(response, "token signature is invalid");
    assertThat(service.rowCount()).isZero();
  }

  @Test
  void validAssertionNamesTheUser() {
    BearerJwtVerifier verifier = IdentityVerifier.create(TestService.SECRET);

    assertThat(verifier.verify("Bearer " + TestService.token("alice"))).isEqualTo("alice");
    assertThat(verifier.verify("bearer " + TestService.token("bob"))).isEqualTo("bob");
  }

  @Test
  void rejectionIsAnUnauthorizedResponse() {
    BearerJwtVerifier verifier = IdentityVerifier.create(TestService.SECRET);

    assertThatThrownBy(() -> verifier.verify(null))
        .isInstanceOf(UnauthorizedResponse.class)
        .hasMessage("missing bearer token");
  }

  @Test
  void shortSecretFailsAtStart() {
    assertThatThrownBy(() -> IdentityVerifier.create("x".repeat(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IDENTITY_SECRET must be at least 32 bytes for HS256, got 31");
    assertThat(
            IdentityVerifier.create("x".repeat(32))
                .verify("Bearer " + TestService.token("x".repeat(32), JWSAlgorithm.HS256, c -> {})))
        .isEqualTo("alice");
  }

  @Test
  void developmentSecretIsAcceptedWithAWarning() {
    String token =
        TestService.token(HmacSecrets.DEVELOPMENT_IDENTITY_SECRET, JWSAlgorithm.HS256, c -> {});

    assertThat(
            IdentityVerifier.create(HmacSecrets.DEVELOPMENT_IDENTITY_SECRET)
                .verify("Bearer " + token))
        .isEqualTo("alice");
    assertThat(HmacSecrets.DEVELOPMENT_IDENTITY_SECRET)
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
