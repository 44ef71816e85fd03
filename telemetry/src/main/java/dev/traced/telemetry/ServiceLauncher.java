package dev.traced.telemetry;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.function.Function;

/**
 * The start-up every service's {@code main} shares: build the SDK from the environment, start the
 * server with it, and on SIGTERM close the server first (it drains) and the SDK last (it exports
 * the spans of the drained requests).
 *
 * <pre>{@code
 * OrderServer server = ServiceLauncher.launch("order-service", Main.class,
 *     openTelemetry -> OrderServer.start(OrderConfig.fromEnv(System.getenv()), openTelemetry));
 * }</pre>
 */
public final class ServiceLauncher {

  private ServiceLauncher() {}

  /**
   * Starts {@code serviceName} with {@code startServer}. The service version is the {@code
   * Implementation-Version} of the jar that holds {@code mainClass}, or {@code "dev"}.
   */
  public static <S extends AutoCloseable> S launch(
      String serviceName, Class<?> mainClass, Function<OpenTelemetry, S> startServer) {
    String version = requireNonNull(mainClass, "mainClass").getPackage().getImplementationVersion();
    OpenTelemetrySdk sdk = TelemetrySdk.autoconfigure(serviceName, version != null ? version : "dev");
    S server;
    try {
      server = requireNonNull(startServer.apply(sdk), "server");
    } catch (RuntimeException e) {
      // Export whatever was recorded before giving up.
      sdk.close();
      throw e;
    }
    GracefulShutdown.onShutdown(server, sdk);
    return server;
  }
}
