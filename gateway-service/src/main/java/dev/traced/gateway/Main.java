package dev.traced.gateway;

import dev.traced.telemetry.GracefulShutdown;
import dev.traced.telemetry.TelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/** Starts gateway-service from the environment. */
public final class Main {

  private Main() {}

  /** Entry point. */
  public static void main(String[] args) {
    String version = Objects.requireNonNullElse(Main.class.getPackage().getImplementationVersion(), "dev");
    OpenTelemetrySdk sdk = TelemetrySdk.autoconfigure("gateway-service", version);
    GatewayServer server = GatewayServer.start(GatewayConfig.fromEnv(System.getenv()), sdk);
    GracefulShutdown.onShutdown(server, sdk);
    LoggerFactory.getLogger(Main.class).info("gateway-service listening on port {}", server.port());
  }
}
