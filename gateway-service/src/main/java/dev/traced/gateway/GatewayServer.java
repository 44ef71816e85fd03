package dev.traced.gateway;

import dev.traced.telemetry.GracefulShutdown;
import dev.traced.telemetry.http.TracedHttpClient;
import dev.traced.telemetry.javalin.ProblemResponses;
import dev.traced.telemetry.javalin.TracingPlugin;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;

/** The running gateway: public API on {@link GatewayConfig#port()}, forwarding to auth-service. */
public final class GatewayServer implements AutoCloseable {

  private final Javalin app;

  private GatewayServer(Javalin app) {
    this.app = app;
  }

  /** Starts the gateway; spans and outgoing calls use {@code openTelemetry}. */
  public static GatewayServer start(GatewayConfig config, OpenTelemetry openTelemetry) {
    GatewayRoutes routes =
        new GatewayRoutes(new AuthClient(TracedHttpClient.create(openTelemetry), config.authUrl()));
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.startup.showJavalinBanner = false;
              javalin.registerPlugin(
                  new TracingPlugin(
                      tracing -> {
                        tracing.openTelemetry = openTelemetry;
                        // The public entry tells each client its trace id.
                        tracing.traceResponseHeader = true;
                        tracing.baggageAllowList = config.baggageAllowList();
                      }));
              javalin.registerPlugin(new ProblemResponses());
              javalin.registerPlugin(new GracefulShutdown());
              routes.register(javalin.routes);
            });
    app.start(config.host(), config.port());
    return new GatewayServer(app);
  }

  /** The port the gateway listens on (the real one when configured with 0). */
  public int port() {
    return app.port();
  }

  /** Stops taking requests and waits for in-flight ones. */
  @Override
  public void close() {
    app.stop();
  }
}
