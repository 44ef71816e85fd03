package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * Short-lived HS256 JWTs that tell order-service which user a forwarded call acts for.
 * order-service trusts the user only through this signature, never through a plain header.
 */
public final class IdentityAssertions {

  /** The {@code iss} of every assertion: {@value}. */
  public static final String ISSUER = "auth-service";

  /** The {@code aud} of every assertion, the only service that may accept it: {@value}. */
  public static final String AUDIENCE = "order-service";

  /** How long an assertion stays valid: 60 seconds, enough for one hop, too short to reuse. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  private final HmacJwtSigner signer;
  private final Clock clock;

  IdentityAssertions(String secret, Clock clock) {
    this.signer = new HmacJwtSigner(secret);
    this.clock = requireNonNull(clock, "clock");
  }

  /** Assertions signed with the UTF-8 bytes of {@code secret}. */
  public static IdentityAssertions create(String secret) {
    return new IdentityAssertions(secret, Clock.systemUTC());
  }

  /** A new signed assertion that {@code userId} is the caller, valid for {@link #LIFETIME}. */
  public String mint(String userId) {
    return signer.sign(ISSUER, AUDIENCE, userId, clock.instant(), LIFETIME);
  }
}
