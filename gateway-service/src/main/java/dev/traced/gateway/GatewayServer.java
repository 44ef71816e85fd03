package dev.traced.gateway;

import dev.traced.telemetry.DemoScenario;
import dev.traced.telemetry.GracefulShutdown;
import dev.traced.telemetry.http.TracedHttpClient;
import dev.traced.telemetry.javalin.ProblemResponses;
import dev.traced.telemetry.javalin.RequestRules;
import dev.traced.telemetry.javalin.TracingPlugin;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The running gateway: public API on {@link GatewayConfig#port()}, forwarding to auth-service. */
public final class GatewayServer implements AutoCloseable {

  private final Javalin app;

  private GatewayServer(Javalin app) {
    this.app = app;
  }

  /** Starts the gateway; spans and outgoing calls use {@code openTelemetry}. */
  public static GatewayServer start(GatewayConfig config, OpenTelemetry openTelemetry) {
    GatewayRoutes routes =
        new GatewayRoutes(new AuthClient(
                TracedHttpClient.create(openTelemetry, config.authTimeout()), config.authUrl()));
    DemoPage demoPage = new DemoPage(config.jaegerQueryUrl(), config.jaegerUiUrl());
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
                        // Continue or restart an outside caller's trace: the trust boundary.
                        tracing.inboundTraceContext = config.inboundTraceContext();
                        // The demo page's choice of scenario travels on as baggage.
                        tracing.baggageFromHeaders =
                            Map.of(DemoScenario.HEADER, DemoScenario.BAGGAGE_KEY);
                        tracing.untracedPaths = untracedPaths();
                      }));
              javalin.registerPlugin(new ProblemResponses());
              javalin.registerPlugin(new RequestRules());
              javalin.registerPlugin(new GracefulShutdown());
              routes.register(javalin.routes);
              demoPage.register(javalin);
            });
    app.start(config.host(), config.port());
    return new GatewayServer(app);
  }

  private static Set<String> untracedPaths() {
    Set<String> paths = new HashSet<>(TracingPlugin.DEFAULT_UNTRACED_PATHS);
    paths.addAll(DemoPage.UNTRACED_PATHS);
    return paths;
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
