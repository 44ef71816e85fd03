package dev.traced.kit.jwt;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/** The rules for the HS256 secrets that services sign and verify tokens with. */
public final class HmacSecrets {

  /** Shortest accepted secret: HS256 needs a key of at least 256 bits (RFC 7518, 3.2). */
  public static final int MIN_BYTES = 32;

  /**
   * The development default of {@code IDENTITY_SECRET}, which auth-service signs identity
   * assertions with and order-service verifies them with: one literal, so that the two agree when
   * neither is configured. Never use it outside development: {@value}.
   */
  public static final String DEVELOPMENT_IDENTITY_SECRET =
      "dev-only-identity-secret-change-me-0123456789";

  private HmacSecrets() {}

  /**
   * {@code secret}, the value of the variable {@code name}, when it is at least {@link #MIN_BYTES}
   * bytes of UTF-8; otherwise an {@link IllegalArgumentException} naming the variable.
   */
  public static String requireStrong(String name, String secret) {
    requireNonNull(secret, name);
    int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_BYTES) {
      throw new IllegalArgumentException(
          name + " must be at least " + MIN_BYTES + " bytes for HS256, got " + bytes);
    }
    return secret;
  }
}
