package dev.traced.order;

import dev.traced.telemetry.GracefulShutdown;
import dev.traced.telemetry.javalin.ProblemResponses;
import dev.traced.telemetry.javalin.RequestRules;
import dev.traced.telemetry.javalin.TracingPlugin;
import dev.traced.telemetry.jdbc.TracedDataSource;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;

/** A running order-service: HTTP server, database pool, and the order of closing them. */
public final class OrderServer implements AutoCloseable {

  private final Javalin app;
  private final Database database;

  private OrderServer(Javalin app, Database database) {
    this.app = app;
    this.database = database;
  }

  /**
   * Verifies the secret, opens and migrates the database, then serves the API on {@code
   * config}'s host and port with spans going to {@code openTelemetry}.
   */
  public static OrderServer start(OrderConfig config, OpenTelemetry openTelemetry) {
    // First, so a bad secret fails before anything is opened.
    IdentityVerifier identity = new IdentityVerifier(config.identitySecret());
    Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    try {
      OrderRepository repository =
          new OrderRepository(TracedDataSource.wrap(openTelemetry, database.dataSource()));
      OrderRoutes routes = new OrderRoutes(identity, new Orders(repository, Clock.systemUTC()));
      Javalin app =
          Javalin.create(
              javalin -> {
                javalin.registerPlugin(new TracingPlugin(t -> t.openTelemetry = openTelemetry));
                javalin.registerPlugin(new ProblemResponses());
                // The gateway checks these too; this service does not rely on a check made elsewhere.
                javalin.registerPlugin(new RequestRules());
                javalin.registerPlugin(new GracefulShutdown());
                javalin.startup.showJavalinBanner = false;
                javalin.jsonMapper(OrderJson.mapper());
                routes.register(javalin.routes);
              });
      app.start(config.host(), config.port());
      return new OrderServer(app, database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The port actually listened on, which differs from the configured one when that is 0. */
  public int port() {
    return app.port();
  }

  /** Stops taking requests, lets in-flight ones finish, then closes the database pool. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      database.close();
    }
  }
}
