package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.jwt.BearerJwtVerifier;
import io.javalin.http.UnauthorizedResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * The user-facing access tokens: HS256 JWTs that auth-service issues at login and that callers
 * present as {@code Authorization: Bearer <token>} on every order call.
 */
public final class AccessTokens {

  /** The {@code iss} of every access token: {@value}. */
  public static final String ISSUER = "auth-service";

  /** The {@code aud} of every access token, the service that holds it for the user: {@value}. */
  public static final String AUDIENCE = "gateway-service";

  private final HmacJwtSigner signer;
  private final BearerJwtVerifier verifier;
  private final Duration ttl;
  private final Clock clock;

  AccessTokens(String secret, Duration ttl, Clock clock) {
    this.signer = new HmacJwtSigner(secret);
    this.verifier = BearerJwtVerifier.create(secret, ISSUER, AUDIENCE);
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
   * @throws UnauthorizedResponse when the header is missing or the token is malformed, not HS256,
   *     badly signed, expired, or not ours; the message says which
   */
  public String verify(String authorizationHeader) {
    return verifier.verify(authorizationHeader);
  }
}
