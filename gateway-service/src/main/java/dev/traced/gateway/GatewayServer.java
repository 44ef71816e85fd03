package dev.traced.gateway;

import dev.traced.kit.RunningService;
import dev.traced.kit.ServiceLauncher;
import dev.traced.kit.ServiceShell;
import dev.traced.kit.http.HttpClients;
import dev.traced.telemetry.javalin.TracingPlugin;
import io.opentelemetry.api.OpenTelemetry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Starts the gateway: public API on {@link GatewayConfig#port()}, forwarding to auth-service. */
public final class GatewayServer {

  private GatewayServer() {}

  /**
   * Runs gateway-service: {@code java -jar gateway-service.jar}, configured by the environment,
   * until the JVM is told to stop (SIGTERM, Ctrl-C).
   */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "gateway-service",
        GatewayServer.class,
        (env, otel) -> start(GatewayConfig.from(env), otel));
  }

  /** Starts the gateway; spans and outgoing calls use {@code openTelemetry}. */
  public static RunningService start(GatewayConfig config, OpenTelemetry openTelemetry) {
    AuthClient auth =
        new AuthClient(
            HttpClients.traced(openTelemetry, config.authTimeout()),
            config.authUrl(),
            config.authTimeout());
    GatewayRoutes routes = new GatewayRoutes(auth);
    DemoPage demoPage =
        new DemoPage(config.jaegerQueryUrl(), config.jaegerUiUrl(), config.traceSampling());
    return ServiceShell.builder(openTelemetry)
        .tracing(
            tracing -> {
              // The public entry tells each client its trace id.
              tracing.traceResponseHeader = true;
              tracing.baggageAllowList = config.baggageAllowList();
              // Continue or restart an outside caller's trace: the trust boundary.
              tracing.inboundTraceContext = config.inboundTraceContext();
              // The demo page's choice of scenario travels on as baggage.
              tracing.baggageFromHeaders = Map.of(DemoScenario.HEADER, DemoScenario.BAGGAGE_KEY);
              tracing.untracedPaths = untracedPaths();
            })
        .app(
            javalin -> {
              routes.register(javalin.routes);
              demoPage.register(javalin);
            })
        .start(config.host(), config.port());
  }

  private static Set<String> untracedPaths() {
    Set<String> paths = new HashSet<>(TracingPlugin.DEFAULT_UNTRACED_PATHS);
    paths.addAll(GatewayRoutes.UNTRACED_PATHS);
    paths.addAll(DemoPage.UNTRACED_PATHS);
    return paths;
  }
}
