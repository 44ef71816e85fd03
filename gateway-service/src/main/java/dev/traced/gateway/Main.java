package dev.traced.gateway;

import dev.traced.kit.ServiceLauncher;

/** Runs gateway-service: {@code java -jar gateway-service.jar}, configured by the environment. */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "gateway-service",
        Main.class,
        (env, openTelemetry) -> GatewayServer.start(GatewayConfig.from(env), openTelemetry));
  }
}
