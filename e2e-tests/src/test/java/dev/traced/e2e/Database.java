package dev.traced.e2e;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where order-service keeps its orders in the end-to-end run: the PostgreSQL that {@code .ci/run}
 * starts, named by {@code E2E_DB_URL}, {@code E2E_DB_USER} and {@code E2E_DB_PASSWORD}; without
 * them (a developer's quick run) an H2 file under {@code target/}.
 *
 * @param url JDBC URL handed to order-service as {@code DB_URL}
 * @param user database user, {@code DB_USER}
 * @param password database password, {@code DB_PASSWORD}
 * @param system the {@code db.system} that the database spans must name
 */
public record Database(String url, String user, String password, String system) {

  /** The database from the environment. */
  public static Database fromEnvironment(Map<String, String> env, Path workDir) {
    String url = env.get("E2E_DB_URL");
    if (url == null || url.isBlank()) {
      return new Database(
          "jdbc:h2:file:" + workDir.resolve("orders").toAbsolutePath(), "sa", "", "h2");
    }
    return new Database(
        url,
        env.getOrDefault("E2E_DB_USER", "orders"),
        env.getOrDefault("E2E_DB_PASSWORD", "orders"),
        url.startsWith("jdbc:postgresql:") ? "postgresql" : url.split(":")[1]);
  }

  boolean isPostgres() {
    return "postgresql".equals(system);
  }
}
