package dev.traced.kit;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.TelemetrySdk;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.function.BiFunction;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} every service shares: build the SDK from the {@code OTEL_*} environment, start
 * the service with its settings from the plain environment, and on SIGTERM close the service first
 * (it drains) and the SDK last (it exports the spans of the drained requests).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   ServiceLauncher.launch("order-service", Main.class,
 *       (env, openTelemetry) -> OrderServer.start(OrderConfig.from(env), openTelemetry));
 * }
 * }</pre>
 */
public final class ServiceLauncher {

  private ServiceLauncher() {}

  /**
   * Starts {@code serviceName} with {@code start} and logs where it listens. The service version is
   * the {@code Implementation-Version} of the jar that holds {@code mainClass}, or {@code "dev"}.
   */
  public static RunningService launch(
      String serviceName,
      Class<?> mainClass,
      BiFunction<Env, OpenTelemetry, RunningService> start) {
    String version = requireNonNull(mainClass, "mainClass").getPackage().getImplementationVersion();
    OpenTelemetrySdk sdk =
        TelemetrySdk.autoconfigure(serviceName, version != null ? version : "dev");
    RunningService service;
    try {
      service = requireNonNull(start.apply(Env.of(System.getenv()), sdk), "service");
    } catch (RuntimeException e) {
      // Export whatever was recorded before giving up.
      sdk.close();
      throw e;
    }
    GracefulShutdown.onShutdown(service, sdk);
    LoggerFactory.getLogger(mainClass)
        .info("{} listening on {}:{}", serviceName, service.host(), service.port());
    return service;
  }
}
