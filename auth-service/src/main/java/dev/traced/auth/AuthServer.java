package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.RunningService;
import dev.traced.kit.ServiceLauncher;
import dev.traced.kit.ServiceShell;
import dev.traced.kit.http.HttpClients;
import io.opentelemetry.api.OpenTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts auth-service: login, token checks, and forwarding to order-service. */
public final class AuthServer {

  private static final Logger log = LoggerFactory.getLogger(AuthServer.class);

  private AuthServer() {}

  /**
   * Runs auth-service: {@code java -jar auth-service.jar}, configured by the environment, until the
   * JVM is told to stop (SIGTERM, Ctrl-C).
   */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "auth-service", AuthServer.class, (env, otel) -> start(AuthConfig.from(env), otel));
  }

  /** Starts the service with {@code config}, sending its spans to {@code openTelemetry}. */
  public static RunningService start(AuthConfig config, OpenTelemetry openTelemetry) {
    requireNonNull(config, "config");
    if (config.usesDevelopmentSecrets()) {
      log.warn(
          "a development default of TOKEN_SECRET or IDENTITY_SECRET is in use; "
              + "set both before running anywhere but a laptop");
    }
    OrderClient orders =
        new OrderClient(
            HttpClients.traced(openTelemetry, config.orderTimeout()),
            config.orderUrl(),
            config.orderTimeout());
    AuthRoutes routes =
        new AuthRoutes(
            UserDirectory.demoUsers(),
            AccessTokens.create(config.tokenSecret(), config.tokenTtl()),
            IdentityAssertions.create(config.identitySecret()),
            orders);
    return ServiceShell.builder(openTelemetry)
        .app(javalin -> routes.register(javalin.routes))
        .start(config.host(), config.port());
  }
}
