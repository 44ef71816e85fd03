package dev.traced.order;

import dev.traced.kit.RunningService;
import dev.traced.kit.ServiceLauncher;
import dev.traced.kit.ServiceShell;
import dev.traced.kit.jwt.BearerJwtVerifier;
import dev.traced.telemetry.jdbc.TracedDataSource;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;

/** Starts order-service: the API, the database pool, and the order of closing them. */
public final class OrderServer {

  private OrderServer() {}

  /**
   * Runs order-service: {@code java -jar order-service.jar}, configured by the environment, until
   * the JVM is told to stop (SIGTERM, Ctrl-C).
   */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "order-service", OrderServer.class, (env, otel) -> start(OrderConfig.from(env), otel));
  }

  /**
   * Verifies the secret, opens and migrates the database, then serves the API on {@code config}'s
   * host and port with spans going to {@code openTelemetry}. Closing the service drains it, then
   * closes the pool.
   */
  public static RunningService start(OrderConfig config, OpenTelemetry openTelemetry) {
    // First, so a bad secret fails before anything is opened.
    BearerJwtVerifier identity = IdentityVerifier.create(config.identitySecret());
    Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    OrderRepository repository =
        new OrderRepository(TracedDataSource.wrap(openTelemetry, database.dataSource()));
    OrderRoutes routes = new OrderRoutes(identity, new Orders(repository, Clock.systemUTC()));
    return ServiceShell.builder(openTelemetry)
        .app(
            javalin -> {
              javalin.jsonMapper(OrderJson.mapper());
              routes.register(javalin.routes);
            })
        .closeAfterStop(database)
        .start(config.host(), config.port());
  }
}
