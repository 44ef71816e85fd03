package dev.traced.order;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the identity assertion that auth-service sends with every call: an HS256 JWT from
 * {@value #ISSUER} to {@value #AUDIENCE} whose {@code sub} is the user id. Only a holder of the
 * shared secret can make one, so order-service trusts no other claim of identity.
 */
public final class IdentityVerifier {

  /** Secret used when {@code IDENTITY_SECRET} is unset; auth-service has the same: {@value}. */
  public static final String DEVELOPMENT_SECRET = "dev-only-identity-secret-change-me-0123456789";

  /** HS256 needs a key of at least 256 bits: {@value} bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  /** The only accepted {@code iss}: {@value}. */
  public static final String ISSUER = "auth-service";

  /** The only accepted {@code aud}: {@value}. */
  public static final String AUDIENCE = "order-service";

  /** Clock difference tolerated between auth-service and us, in seconds: {@value}. */
  public static final int MAX_CLOCK_SKEW_SECONDS = 10;

  private static final Logger log = LoggerFactory.getLogger(IdentityVerifier.class);
  private static final String BEARER = "Bearer ";

  private final MACVerifier signature;
  private final DefaultJWTClaimsVerifier<SecurityContext> claims;

  /** Verifier for assertions signed with the UTF-8 bytes of {@code secret}. */
  public IdentityVerifier(String secret) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "IDENTITY_SECRET must be at least " + MIN_SECRET_BYTES + " bytes, got " + key.length);
    }
    if (DEVELOPMENT_SECRET.equals(secret)) {
      log.warn("IDENTITY_SECRET is the development default: anyone who knows it can forge"
          + " identities; set IDENTITY_SECRET outside development");
    }
    try {
      this.signature = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("IDENTITY_SECRET is not a usable HS256 key", e);
    }
    this.claims =
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE,
            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
            Set.of("sub", "exp", "iat"));
    this.claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
  }

  /**
   * Returns the user id asserted by {@code authorizationHeader} ({@code "Bearer <jwt>"}), or
   * throws {@link UnauthorizedResponse} saying why it is not acceptable.
   */
  public String verify(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw reject("missing Authorization header");
    }
    if (!authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw reject("Authorization header is not a Bearer token");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(authorizationHeader.substring(BEARER.length()).trim());
    } catch (ParseException e) {
      throw reject("identity assertion is not a signed JWT");
    }
    // Pinning the algorithm stops a token from choosing how it is checked.
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw reject("identity assertion algorithm must be HS256");
    }
    try {
      if (!jwt.verify(signature)) {
        throw reject("identity assertion signature is invalid");
      }
      JWTClaimsSet claimSet = jwt.getJWTClaimsSet();
      claims.verify(claimSet, null);
      return claimSet.getSubject();
    } catch (BadJWTException e) {
      throw reject("identity assertion rejected: " + e.getMessage());
    } catch (JOSEException | ParseException e) {
      throw reject("identity assertion could not be verified");
    }
  }

  private static UnauthorizedResponse reject(String reason) {
    log.info("identity rejected: {}", reason);
    return new UnauthorizedResponse(reason);
  }
}
