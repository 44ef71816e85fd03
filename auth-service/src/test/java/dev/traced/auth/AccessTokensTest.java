package dev.traced.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private static final String SECRET =
      "a-64-byte-secret-so-that-hs512-could-sign-too-0123456789abcdefgh";

  private final AccessTokens tokens = AccessTokens.create(SECRET, Duration.ofMinutes(5));

  @Test
  void verifiesWhatItIssued() {
    assertThat(tokens.verify("Bearer " + tokens.issue("alice"))).isEqualTo("alice");
  }

  @Test
  void acceptsTheSchemeInAnyCase() {
    assertThat(tokens.verify("bearer " + tokens.issue("bob"))).isEqualTo("bob");
  }

  @Test
  void rejectsAnotherAlgorithmWithTheSameSecret() throws Exception {
    String hs512 = sign(JWSAlgorithm.HS512, claims("alice", AccessTokens.AUDIENCE));

    assertRejected("Bearer " + hs512, "token algorithm must be HS256");
  }

  @Test
  void rejectsAnotherAudience() throws Exception {
    String forOrderService = sign(JWSAlgorithm.HS256, claims("alice", "order-service"));

    assertRejected("Bearer " + forOrderService, "token rejected: JWT aud claim rejected");
  }

  @Test
  void rejectsAnotherIssuer() throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(claims("alice", AccessTokens.AUDIENCE)).issuer("mallory").build();

    assertRejected(
        "Bearer " + sign(JWSAlgorithm.HS256, claims),
        "token rejected: JWT iss claim value rejected");
  }

  @Test
  void rejectsATokenWithoutSubject() throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder(claims("alice", AccessTokens.AUDIENCE)).subject(null).build();

    assertRejected(
        "Bearer " + sign(JWSAlgorithm.HS256, claims),
        "token rejected: JWT missing required claims: [sub]");
  }

  @Test
  void rejectsATamperedPayload() {
    String[] parts = tokens.issue("alice").split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String bobClaims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                payload.replace("\"alice\"", "\"bob\"").getBytes(StandardCharsets.UTF_8));

    assertRejected(
        "Bearer " + parts[0] + "." + bobClaims + "." + parts[2], "token signature is invalid");
  }

  @Test
  void rejectsAnEmptyBearer() {
    assertRejected("Bearer ", "malformed bearer token");
  }

  @Test
  void refusesAShortSecret() {
    assertThatThrownBy(() -> AccessTokens.create("too-short", Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void assertRejected(String authorization, String reason) {
    assertThatThrownBy(() -> tokens.verify(authorization))
        .isInstanceOf(UnauthorizedResponse.class)
        .hasMessage(reason);
  }

  private static JWTClaimsSet claims(String subject, String audience) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(AccessTokens.ISSUER)
        .audience(audience)
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .build();
  }

  private static String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }
}
