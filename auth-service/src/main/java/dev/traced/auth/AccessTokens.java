package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user-facing access tokens: HS256 JWTs that auth-service issues at login and that callers
 * present as {@code Authorization: Bearer <token>} on every order call.
 */
public final class AccessTokens {

  /** The {@code iss} of every access token: {@value}. */
  public static final String ISSUER = "auth-service";

  /** The {@code aud} of every access token, the service that holds it for the user: {@value}. */
  public static final String AUDIENCE = "gateway-service";

  private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
  private static final String BEARER_PREFIX = "Bearer ";

  private final HmacJwtSigner signer;
  private final JWSVerifier verifier;
  private final DefaultJWTClaimsVerifier<?> claimsVerifier;
  private final Duration ttl;
  private final Clock clock;

  AccessTokens(String secret, Duration ttl, Clock clock) {
    this.signer = new HmacJwtSigner(secret);
    try {
      this.verifier = new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("access-token secret is unusable: " + e.getMessage(), e);
    }
    this.claimsVerifier =
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE,
            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
            Set.of("sub", "exp", "iat"));
    this.ttl = requireNonNull(ttl, "ttl");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Tokens signed with the UTF-8 bytes of {@code secret}, valid for {@code ttl}. */
  public static AccessTokens create(String secret, Duration ttl) {
    return new AccessTokens(secret, ttl, Clock.systemUTC());
  }

  /** How long an issued token stays valid. */
  public Duration ttl() {
    return ttl;
  }

  /** A new signed token for {@code userId}. */
  public String issue(String userId) {
    return signer.sign(ISSUER, AUDIENCE, userId, clock.instant(), ttl);
  }

  /**
   * The user id of the token in {@code authorizationHeader} ({@code "Bearer <token>"}).
   *
   * @throws UnauthorizedResponse when the header is missing or the token is malformed, not
   *     HS256, badly signed, expired, or not ours; the message says which
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
    // Accept exactly the algorithm we sign with, whatever the token claims to use.
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw reject("token algorithm must be HS256");
    }
    try {
      if (!jwt.verify(verifier)) {
        throw reject("token signature is invalid");
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      claimsVerifier.verify(claims, null);
      return claims.getSubject();
    } catch (BadJWTException e) {
      throw reject("token rejected: " + e.getMessage());
    } catch (JOSEException | ParseException e) {
      throw reject("token could not be verified");
    }
  }

  private static UnauthorizedResponse reject(String reason) {
    log.info("access token rejected: {}", reason);
    return new UnauthorizedResponse(reason);
  }
}
