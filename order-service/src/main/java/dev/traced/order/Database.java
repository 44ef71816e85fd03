package dev.traced.order;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool of order-service, with the schema migrated before first use. */
final class Database implements AutoCloseable {

  /** Connections the pool keeps at most: {@value}. */
  static final int MAX_POOL_SIZE = 5;

  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens a pool on {@code url} (H2 or PostgreSQL) and applies {@code db/migration}. */
  static Database open(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("orders");
    config.setJdbcUrl(withoutH2ShutdownHook(url));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      // Migrations run on the raw pool: schema changes are start-up work, not request spans.
      // Plain SQL both databases accept, plus what each does its own way.
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration/common", "classpath:db/migration/" + vendorOf(url))
          .load()
          .migrate();
      return new Database(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * H2 closes its databases from a JVM shutdown hook of its own, which would cut off the requests
   * that graceful shutdown lets finish; closing the pool after the server has drained closes the
   * database instead.
   */
  static String withoutH2ShutdownHook(String url) {
    boolean h2 = url.startsWith("jdbc:h2:");
    if (h2 && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
      return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }
    return url;
  }

  /** The folder of database-specific migrations for {@code url}: {@code h2} or {@code postgresql}. */
  static String vendorOf(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return "h2";
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    // Without the query string, which may hold a password.
    String shown = url.split("\\?")[0];
    throw new IllegalArgumentException("DB_URL must be an H2 or PostgreSQL JDBC URL, got " + shown);
  }

  /** The untraced pool; wrap it with {@code TracedDataSource} for request work. */
  DataSource dataSource() {
    return pool;
  }

  /** Closes every pooled connection. */
  @Override
  public void close() {
    pool.close();
  }
}
