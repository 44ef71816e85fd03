package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.Env;
import dev.traced.kit.jwt.HmacSecrets;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of auth-service, read from plain upper-case environment variables.
 *
 * @param host interface to listen on ({@code HOST}, default {@value #DEFAULT_HOST})
 * @param port port to listen on, 0 for any free one ({@code PORT}, default {@value #DEFAULT_PORT})
 * @param orderUrl base URL of order-service ({@code ORDER_URL}, default {@value
 *     #DEFAULT_ORDER_URL})
 * @param tokenSecret HS256 key of access tokens ({@code TOKEN_SECRET}, at least 32 bytes)
 * @param identitySecret HS256 key of identity assertions ({@code IDENTITY_SECRET}, at least 32
 *     bytes)
 * @param tokenTtl lifetime of access tokens ({@code TOKEN_TTL_SECONDS}, default 3600)
 * @param orderTimeout time a call to order-service may take before the caller gets a 504, or a 503
 *     when no connection was made in that time ({@code ORDER_TIMEOUT_MS}, default 5000): shorter
 *     than the gateway's wait for us, so that our answer, not the gateway's own timeout, reaches
 *     the client
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
   * Development-only identity-assertion key, used when {@code IDENTITY_SECRET} is unset; the same
   * literal as order-service's default, so that the demo runs without configuration.
   */
  public static final String DEV_IDENTITY_SECRET = HmacSecrets.DEVELOPMENT_IDENTITY_SECRET;

  /** Checks every setting, so that a bad one stops the service at start, not at first use. */
  public AuthConfig {
    requireNonNull(host, "host");
    requireNonNull(orderUrl, "orderUrl");
    requireNonNull(tokenTtl, "tokenTtl");
    requireNonNull(orderTimeout, "orderTimeout");
    HmacSecrets.requireStrong("TOKEN_SECRET", tokenSecret);
    HmacSecrets.requireStrong("IDENTITY_SECRET", identitySecret);
  }

  /** Reads the settings from {@code env}; unset or blank variables take their defaults. */
  public static AuthConfig from(Env env) {
    return new AuthConfig(
        env.string("HOST", DEFAULT_HOST),
        env.port("PORT", DEFAULT_PORT),
        env.httpUrl("ORDER_URL", DEFAULT_ORDER_URL),
        env.string("TOKEN_SECRET", DEV_TOKEN_SECRET),
        env.string("IDENTITY_SECRET", DEV_IDENTITY_SECRET),
        env.seconds("TOKEN_TTL_SECONDS", DEFAULT_TOKEN_TTL),
        env.millis("ORDER_TIMEOUT_MS", DEFAULT_ORDER_TIMEOUT));
  }

  /** Whether a development default signs tokens: fine on a laptop, never in production. */
  public boolean usesDevelopmentSecrets() {
    return DEV_TOKEN_SECRET.equals(tokenSecret) || DEV_IDENTITY_SECRET.equals(identitySecret);
  }

  /** Leaves the secrets out, so that logging the configuration cannot leak them. */
  @Override
  public String toString() {
    return "AuthConfig[host="
        + host
        + ", port="
        + port
        + ", orderUrl="
        + orderUrl
        + ", tokenTtl="
        + tokenTtl
        + ", orderTimeout="
        + orderTimeout
        + "]";
  }
}
