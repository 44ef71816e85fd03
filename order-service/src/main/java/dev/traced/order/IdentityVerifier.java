package dev.traced.order;

import dev.traced.kit.jwt.BearerJwtVerifier;
import dev.traced.kit.jwt.HmacSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check of the identity assertion that auth-service sends with every call: a bearer JWT from
 * {@value #ISSUER} to {@value #AUDIENCE} whose {@code sub} is the user id. Only a holder of the
 * shared secret can make one, so order-service trusts no other claim of identity.
 */
final class IdentityVerifier {

  /** The only accepted {@code iss}: {@value}. */
  static final String ISSUER = "auth-service";

  /** The only accepted {@code aud}: {@value}. */
  static final String AUDIENCE = "order-service";

  private static final Logger log = LoggerFactory.getLogger(IdentityVerifier.class);

  private IdentityVerifier() {}

  /** A verifier of assertions signed with {@code secret}, the {@code IDENTITY_SECRET}. */
  static BearerJwtVerifier create(String secret) {
    HmacSecrets.requireStrong("IDENTITY_SECRET", secret);
    if (HmacSecrets.DEVELOPMENT_IDENTITY_SECRET.equals(secret)) {
      log.warn(
          "IDENTITY_SECRET is the development default: anyone who knows it can forge"
              + " identities; set IDENTITY_SECRET outside development");
    }
    return BearerJwtVerifier.create(secret, ISSUER, AUDIENCE);
  }
}
