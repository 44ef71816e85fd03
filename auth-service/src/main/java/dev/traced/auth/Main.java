package dev.traced.auth;

import dev.traced.telemetry.ServiceLauncher;
import org.slf4j.LoggerFactory;

/** Runs auth-service: {@code java -jar auth-service.jar}, configured by environment variables. */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    AuthServer server =
        ServiceLauncher.launch(
            "auth-service",
            Main.class,
            openTelemetry -> AuthServer.start(AuthConfig.fromEnv(System.getenv()), openTelemetry));
    LoggerFactory.getLogger(Main.class).info("auth-service listening on port {}", server.port());
  }
}
