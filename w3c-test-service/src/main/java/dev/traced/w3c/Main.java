package dev.traced.w3c;

import dev.traced.telemetry.ServiceLauncher;
import org.slf4j.LoggerFactory;

/**
 * Runs the W3C test service: {@code java -jar w3c-test-service.jar}, configured by {@code HOST}
 * and {@code PORT} and the standard {@code OTEL_*} variables.
 */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    TestServiceServer server =
        ServiceLauncher.launch(
            "w3c-test-service",
            Main.class,
            openTelemetry ->
                TestServiceServer.start(TestServiceConfig.fromEnv(System.getenv()), openTelemetry));
    LoggerFactory.getLogger(Main.class)
        .info("w3c-test-service listening on http://{}:{}/test", server.host(), server.port());
  }
}
