package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs HS256 JWTs with one secret; access tokens and identity assertions both use it. */
final class HmacJwtSigner {

  private final MACSigner signer;

  /** A signer keyed by the UTF-8 bytes of {@code secret}, which must be at least 32 bytes. */
  HmacJwtSigner(String secret) {
    try {
      this.signer =
          new MACSigner(requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("secret is unusable for HS256: " + e.getMessage(), e);
    }
  }

  /** A signed token saying {@code issuer} vouches for {@code subject} to {@code audience}. */
  String sign(String issuer, String audience, String subject, Instant issuedAt, Duration lifetime) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(requireNonNull(subject, "subject"))
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing a JWT failed", e);
    }
    return jwt.serialize();
  }
}
