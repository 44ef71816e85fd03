package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.GracefulShutdown;
import dev.traced.telemetry.http.TracedHttpClient;
import dev.traced.telemetry.javalin.ProblemResponses;
import dev.traced.telemetry.javalin.RequestRules;
import dev.traced.telemetry.javalin.TracingPlugin;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** auth-service as a running HTTP server; closing it drains in-flight requests, then stops. */
public final class AuthServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuthServer.class);

  private final Javalin app;

  private AuthServer(Javalin app) {
    this.app = app;
  }

  /** Starts the service with {@code config}, sending its spans to {@code openTelemetry}. */
  public static AuthServer start(AuthConfig config, OpenTelemetry openTelemetry) {
    requireNonNull(config, "config");
    requireNonNull(openTelemetry, "openTelemetry");
    if (config.usesDevelopmentSecrets()) {
      log.warn(
          "a development default of TOKEN_SECRET or IDENTITY_SECRET is in use; "
              + "set both before running anywhere but a laptop");
    }
    AuthRoutes routes =
        new AuthRoutes(
            UserDirectory.demoUsers(),
            AccessTokens.create(config.tokenSecret(), config.tokenTtl()),
            IdentityAssertions.create(config.identitySecret()),
            new OrderClient(
                TracedHttpClient.create(openTelemetry, config.orderTimeout()), config.orderUrl()));
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.registerPlugin(
                  new TracingPlugin(tracing -> tracing.openTelemetry = openTelemetry));
              javalin.registerPlugin(new ProblemResponses());
              // The gateway checks these too; this service does not rely on a check made elsewhere.
              javalin.registerPlugin(new RequestRules());
              javalin.registerPlugin(new GracefulShutdown());
              javalin.startup.showJavalinBanner = false;
              routes.register(javalin.routes);
            });
    app.start(config.host(), config.port());
    return new AuthServer(app);
  }

  /** The port listened on; the real one when the configured port was 0. */
  public int port() {
    return app.port();
  }

  /** Stops taking requests, lets in-flight ones finish, then stops the server. */
  @Override
  public void close() {
    app.stop();
  }
}
