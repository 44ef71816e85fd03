package dev.traced.order;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool of order-service, with the schema migrated before first use. */
final class Database implements AutoCloseable {

  /** See {@link #withH2Settings(String)}. */
  private static final List<String> H2_SETTINGS =
      List.of("DB_CLOSE_ON_EXIT=FALSE", "WRITE_DELAY=0");

  /** Connections the pool keeps at most: {@value}. */
  static final int MAX_POOL_SIZE = 5;

  /**
   * The longest a request waits on the database: for a connection from the pool, and for each
   * answer of PostgreSQL on one (3 s). Shorter than auth-service's wait for us ({@code
   * ORDER_TIMEOUT_MS}, 5 s), so that a database that hangs, drops or garbles the connection is our
   * own failed answer in time, not a request left running after its caller gave up. Without it a
   * statement on a connection that went silent waited forever, holding its thread and connection,
   * and a request waited 30 s (HikariCP's default) for a connection the pool could not make. The
   * migrations share the limit: one that runs longer needs {@code socketTimeout} in {@code DB_URL}.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** How long the pool tests an idle connection before lending it: below {@link #TIMEOUT}. */
  static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens a pool on {@code url} (H2 or PostgreSQL) and applies {@code db/migration}. */
  static Database open(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("orders");
    config.setJdbcUrl(withH2Settings(url));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    config.setConnectionTimeout(TIMEOUT.toMillis());
    config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    if (vendorOf(url).equals("postgresql")) {
      // The driver's own timeouts, in seconds; settings in the URL take precedence. H2 runs in
      // this process and has no network to wait on.
      String seconds = String.valueOf(TIMEOUT.toSeconds());
      config.addDataSourceProperty("connectTimeout", seconds);
      config.addDataSourceProperty("socketTimeout", seconds);
    }
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
   * The settings H2 needs to serve orders safely, added to an H2 {@code url} unless it sets them
   * itself:
   *
   * <ul>
   *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 closes its databases from a JVM shutdown hook of its
   *       own, which would cut off the requests that graceful shutdown lets finish; closing the
   *       pool after the server has drained closes the database instead.
   *   <li>{@code WRITE_DELAY=0}: by default H2 writes a commit to its file up to half a second
   *       later, so a crash (kill -9, out of memory) lost orders that had been answered with 201.
   *       With no delay a commit is in the file before the answer leaves.
   * </ul>
   */
  static String withH2Settings(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return url;
    }
    String upperCase = url.toUpperCase(Locale.ROOT);
    StringBuilder withSettings = new StringBuilder(url);
    for (String setting : H2_SETTINGS) {
      String name = setting.substring(0, setting.indexOf('=') + 1);
      if (!upperCase.contains(";" + name)) {
        withSettings.append(';').append(setting);
      }
    }
    return withSettings.toString();
  }

  /**
   * The folder of database-specific migrations for {@code url}: {@code h2} or {@code postgresql}.
   */
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
