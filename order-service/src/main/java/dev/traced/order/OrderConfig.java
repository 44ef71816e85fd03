package dev.traced.order;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.Env;
import dev.traced.kit.jwt.HmacSecrets;

/**
 * Settings of order-service, read from plain environment variables (telemetry reads its own {@code
 * OTEL_*} variables).
 *
 * @param host interface to listen on ({@code HOST}, default {@value #DEFAULT_HOST})
 * @param port port to listen on, 0 for any free one ({@code PORT}, default {@value #DEFAULT_PORT})
 * @param dbUrl JDBC URL ({@code DB_URL}, default {@value #DEFAULT_DB_URL})
 * @param dbUser database user ({@code DB_USER}, default {@value #DEFAULT_DB_USER})
 * @param dbPassword database password ({@code DB_PASSWORD}, default empty)
 * @param identitySecret HS256 key shared with auth-service ({@code IDENTITY_SECRET}, at least 32
 *     bytes, default {@link HmacSecrets#DEVELOPMENT_IDENTITY_SECRET})
 */
public record OrderConfig(
    String host, int port, String dbUrl, String dbUser, String dbPassword, String identitySecret) {

  /** Listen on every interface unless {@code HOST} says otherwise: {@value}. */
  public static final String DEFAULT_HOST = "0.0.0.0";

  /** The port of order-service unless {@code PORT} says otherwise: {@value}. */
  public static final int DEFAULT_PORT = 8082;

  /** An H2 file next to the working directory unless {@code DB_URL} says otherwise: {@value}. */
  public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/orders";

  /** The database user unless {@code DB_USER} says otherwise: {@value}. */
  public static final String DEFAULT_DB_USER = "sa";

  /** Checks that every setting is present and the port is in range. */
  public OrderConfig {
    requireNonNull(host, "host");
    requireNonNull(dbUrl, "dbUrl");
    requireNonNull(dbUser, "dbUser");
    requireNonNull(dbPassword, "dbPassword");
    HmacSecrets.requireStrong("IDENTITY_SECRET", identitySecret);
  }

  /** Reads the settings from {@code env}; unset or blank variables take their defaults. */
  public static OrderConfig from(Env env) {
    return new OrderConfig(
        env.string("HOST", DEFAULT_HOST),
        env.port("PORT", DEFAULT_PORT),
        env.string("DB_URL", DEFAULT_DB_URL),
        env.string("DB_USER", DEFAULT_DB_USER),
        env.string("DB_PASSWORD", ""),
        env.string("IDENTITY_SECRET", HmacSecrets.DEVELOPMENT_IDENTITY_SECRET));
  }

  /** Keeps the password and the secret out of logs and exception messages. */
  @Override
  public String toString() {
    return "OrderConfig[host="
        + host
        + ", port="
        + port
        + ", dbUrl="
        + dbUrl
        + ", dbUser="
        + dbUser
        + ", dbPassword=***, identitySecret=***]";
  }
}
