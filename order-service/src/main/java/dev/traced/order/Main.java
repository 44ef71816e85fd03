package dev.traced.order;

import dev.traced.telemetry.ServiceLauncher;
import org.slf4j.LoggerFactory;

/** Runs order-service: {@code java -jar order-service.jar}, configured by environment variables. */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    OrderServer server =
        ServiceLauncher.launch(
            "order-service",
            Main.class,
            openTelemetry -> OrderServer.start(OrderConfig.fromEnv(System.getenv()), openTelemetry));
    LoggerFactory.getLogger(Main.class).info("order-service listening on port {}", server.port());
  }
}
