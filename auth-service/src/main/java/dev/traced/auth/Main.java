package dev.traced.auth;

import dev.traced.kit.ServiceLauncher;

/** Runs auth-service: {@code java -jar auth-service.jar}, configured by the environment. */
public final class Main {

  private Main() {}

  /** Starts the service; it runs until the JVM is told to stop (SIGTERM, Ctrl-C). */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "auth-service",
        Main.class,
        (env, openTelemetry) -> AuthServer.start(AuthConfig.from(env), openTelemetry));
  }
}
