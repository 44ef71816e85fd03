package dev.traced.kit.jwt;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an {@code Authorization: Bearer <jwt>} header: an HS256 JWT signed with one secret, from
 * one issuer to one audience, with {@code sub}, {@code exp} and {@code iat}. Each service makes its
 * own with its own secret and audience; the checks are the same everywhere.
 */
public final class BearerJwtVerifier {

  /** Clock difference tolerated between the issuer and us: {@value} seconds. */
  public static final int MAX_CLOCK_SKEW_SECONDS = 10;

  private static final Logger log = LoggerFactory.getLogger(BearerJwtVerifier.class);
  private static final String BEARER_PREFIX = "Bearer ";

  private final JWSVerifier signature;
  private final DefaultJWTClaimsVerifier<SecurityContext> claims;

  private BearerJwtVerifier(JWSVerifier signature, String issuer, String audience) {
    this.signature = signature;
    this.claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp", "iat"));
    this.claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
  }

  /**
   * Accepts tokens signed with the UTF-8 bytes of {@code secret} (at least {@link
   * HmacSecrets#MIN_BYTES} bytes) whose {@code iss} is {@code issuer} and {@code aud} is {@code
   * audience}.
   */
  public static BearerJwtVerifier create(String secret, String issuer, String audience) {
    requireNonNull(issuer, "issuer");
    requireNonNull(audience, "audience");
    try {
      MACVerifier signature =
          new MACVerifier(requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
      return new BearerJwtVerifier(signature, issuer, audience);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("secret is not a usable HS256 key: " + e.getMessage(), e);
    }
  }

  /**
   * The {@code sub} of the token in {@code authorizationHeader}.
   *
   * @throws UnauthorizedResponse when the header is missing or the token is malformed, not HS256,
   *     badly signed, expired, or not for us; the message says which
   */
  public String verify(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw reject("missing bearer token");
    }
    // The scheme name is case-insensitive (RFC 9110, 11.1).
    if (!authorizationHeader.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      throw reject("authorization scheme must be Bearer");
    }
    SignedJWT jwt;
    try {
      // Unsigned ("alg": "none") tokens are not JWS and fail to parse here.
      jwt = SignedJWT.parse(authorizationHeader.substring(BEARER_PREFIX.length()).strip());
    } catch (ParseException e) {
      throw reject("malformed bearer token");
    }
    // Accept exactly the algorithm the issuer signs with, whatever the token claims to use.
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw reject("token algorithm must be HS256");
    }
    try {
      if (!jwt.verify(signature)) {
        throw reject("token signature is invalid");
      }
      JWTClaimsSet claimSet = jwt.getJWTClaimsSet();
      claims.verify(claimSet, null);
      return claimSet.getSubject();
    } catch (BadJWTException e) {
      throw reject("token rejected: " + e.getMessage());
    } catch (JOSEException | ParseException e) {
      throw reject("token could not be verified");
    }
  }

  private static UnauthorizedResponse reject(String reason) {
    log.info("bearer token rejected: {}", reason);
    return new UnauthorizedResponse(reason);
  }
}
