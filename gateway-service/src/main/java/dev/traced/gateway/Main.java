package dev.traced.gateway;

import dev.traced.telemetry.ServiceLauncher;
import org.slf4j.LoggerFactory;

/** Runs gateway-service: {@code java -jar gateway-service.jar}, configured by environment variables. */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    GatewayServer server =
        ServiceLauncher.launch(
            "gateway-service",
            Main.class,
            openTelemetry -> GatewayServer.start(GatewayConfig.fromEnv(System.getenv()), openTelemetry));
    LoggerFactory.getLogger(Main.class).info("gateway-service listening on port {}", server.port());
  }
}
