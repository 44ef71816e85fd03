package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of auth-service, read from plain upper-case environment variables.
 *
 * @param host interface to listen on ({@code HOST}, default {@value #DEFAULT_HOST})
 * @param port port to listen on, 0 for any free one ({@code PORT}, default {@value
 *     #DEFAULT_PORT})
 * @param orderUrl base URL of order-service ({@code ORDER_URL}, default {@value
 *     #DEFAULT_ORDER_URL})
 * @param tokenSecret HS256 key of access tokens ({@code TOKEN_SECRET}, at least 32 bytes)
 * @param identitySecret HS256 key of identity assertions ({@code IDENTITY_SECRET}, at least 32
 *     bytes)
 * @param tokenTtl lifetime of access tokens ({@code TOKEN_TTL_SECONDS}, default 3600)
 * @param orderTimeout time a call to order-service may take before the caller gets a 504, or a
 *     503 when no connection was made in that time ({@code ORDER_TIMEOUT_MS}, default 5000):
 *     shorter than the gateway's wait for us, so that our answer, not the gateway's own
 *     timeout, reaches the client
 */
public record AuthConfig(
    String host,
    int port,
    URI orderUrl,
    String tokenSecret,
    String identitySecret,
    Duration tokenTtl,
    Duration orderTimeout) {

  /** Interface listened on unless {@code HOST} is set: {@value}. */
  public static final String DEFAULT_HOST = "0.0.0.0";

  /** Port listened on unless {@code PORT} is set: {@value}. */
  public static final int DEFAULT_PORT = 8081;

  /** order-service unless {@code ORDER_URL} is set: {@value}. */
  public static final String DEFAULT_ORDER_URL = "http://localhost:8082";

  /** Access-token lifetime unless {@code TOKEN_TTL_SECONDS} is set: one hour. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);

  /** Time allowed for a call to order-service unless {@code ORDER_TIMEOUT_MS} is set: 5 s. */
  public static final Duration DEFAULT_ORDER_TIMEOUT = Duration.ofSeconds(5);

  /** Development-only access-token key, used when {@code TOKEN_SECRET} is unset: {@value}. */
  public static final String DEV_TOKEN_SECRET = "dev-only-token-secret-change-me-0123456789abcdef";

  /**
   * Development-only identity-assertion key, used when {@code IDENTITY_SECRET} is unset;
   * order-service has the same literal so that the demo runs without configuration: {@value}.
   */
  public static final String DEV_IDENTITY_SECRET = "dev-only-identity-secret-change-me-0123456789";

  /** Shortest accepted secret: HS256 needs a key of at least 256 bits (RFC 7518, 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  /** Checks every setting, so that a bad one stops the service at start, not at first use. */
  public AuthConfig {
    requireNonNull(host, "host");
    requireNonNull(orderUrl, "orderUrl");
    requireNonNull(tokenTtl, "tokenTtl");
    requireNonNull(orderTimeout, "orderTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PORT must be between 0 and 65535, got " + port);
    }
    if (!"http".equals(orderUrl.getScheme()) && !"https".equals(orderUrl.getScheme())
        || orderUrl.getHost() == null) {
      throw new IllegalArgumentException("ORDER_URL must be an http(s) URL, got " + orderUrl);
    }
    requireStrong("TOKEN_SECRET", tokenSecret);
    requireStrong("IDENTITY_SECRET", identitySecret);
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("TOKEN_TTL_SECONDS must be positive, got " + tokenTtl);
    }
    if (orderTimeout.isNegative() || orderTimeout.isZero()) {
      throw new IllegalArgumentException("ORDER_TIMEOUT_MS must be positive, got " + orderTimeout);
    }
  }

  /** Reads the settings from {@code env}; unset or blank variables take their defaults. */
  public static AuthConfig fromEnv(Map<String, String> env) {
    return new AuthConfig(
        value(env, "HOST", DEFAULT_HOST),
        integer(env, "PORT", DEFAULT_PORT),
        URI.create(value(env, "ORDER_URL", DEFAULT_ORDER_URL)),
        value(env, "TOKEN_SECRET", DEV_TOKEN_SECRET),
        value(env, "IDENTITY_SECRET", DEV_IDENTITY_SECRET),
        Duration.ofSeconds(
            integer(env, "TOKEN_TTL_SECONDS", (int) DEFAULT_TOKEN_TTL.toSeconds())),
        Duration.ofMillis(
            integer(env, "ORDER_TIMEOUT_MS", (int) DEFAULT_ORDER_TIMEOUT.toMillis())));
  }

  /** Whether a development default signs tokens: fine on a laptop, never in production. */
  public boolean usesDevelopmentSecrets() {
    return DEV_TOKEN_SECRET.equals(tokenSecret) || DEV_IDENTITY_SECRET.equals(identitySecret);
  }

  /** Leaves the secrets out, so that logging the configuration cannot leak them. */
  @Override
  public String toString() {
    return "AuthConfig[host=" + host + ", port=" + port + ", orderUrl=" + orderUrl
        + ", tokenTtl=" + tokenTtl + ", orderTimeout=" + orderTimeout + "]";
  }

  private static void requireStrong(String name, String secret) {
    requireNonNull(secret, name);
    int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          name + " must be at least " + MIN_SECRET_BYTES + " bytes for HS256, got " + bytes);
    }
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = value(env, name, Integer.toString(fallback));
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
    }
  }
}
