package dev.traced.w3c;

import dev.traced.kit.ServiceLauncher;

/**
 * Runs the W3C test service: {@code java -jar w3c-test-service.jar}, configured by {@code HOST}
 * and {@code PORT} and the standard {@code OTEL_*} variables; the suite drives {@code POST /test}.
 */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "w3c-test-service",
        Main.class,
        (env, openTelemetry) -> TestServiceServer.start(TestServiceConfig.from(env), openTelemetry));
  }
}
