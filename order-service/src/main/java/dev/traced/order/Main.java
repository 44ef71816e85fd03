package dev.traced.order;

import dev.traced.kit.ServiceLauncher;

/** Runs order-service: {@code java -jar order-service.jar}, configured by the environment. */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "order-service",
        Main.class,
        (env, openTelemetry) -> OrderServer.start(OrderConfig.from(env), openTelemetry));
  }
}
