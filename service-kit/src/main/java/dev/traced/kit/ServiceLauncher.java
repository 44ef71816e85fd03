package dev.traced.kit;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.JsonLogs;
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
 * <p>{@code TRACING_INSTRUMENTATION=off} switches the project's own tracing off, for a process that
 * the OpenTelemetry Java agent instruments instead: no SDK is built and the service gets {@link
 * OpenTelemetry#noop()}, which the tracing plugin, the traced HTTP client and the traced data
 * source take as "add nothing". The logs stay JSON; the agent's logback instrumentation then fills
 * {@code trace_id} and {@code span_id}. ({@code OTEL_SDK_DISABLED} would not do: the agent reads it
 * too.)
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
    Env env = Env.of(System.getenv());
    RunningService service =
        env.choice("TRACING_INSTRUMENTATION", Instrumentation.class, Instrumentation.PROJECT)
                == Instrumentation.OFF
            ? startWithoutTracing(serviceName, env, start)
            : startTraced(serviceName, version != null ? version : "dev", env, start);
    LoggerFactory.getLogger(mainClass)
        .info("{} listening on {}:{}", serviceName, service.host(), service.port());
    return service;
  }

  private static RunningService startTraced(
      String serviceName,
      String version,
      Env env,
      BiFunction<Env, OpenTelemetry, RunningService> start) {
    OpenTelemetrySdk sdk = TelemetrySdk.autoconfigure(serviceName, version);
    RunningService service;
    try {
      service = requireNonNull(start.apply(env, sdk), "service");
    } catch (RuntimeException e) {
      // Export whatever was recorded before giving up.
      sdk.close();
      throw e;
    }
    GracefulShutdown.onShutdown(service, sdk);
    return service;
  }

  private static RunningService startWithoutTracing(
      String serviceName, Env env, BiFunction<Env, OpenTelemetry, RunningService> start) {
    JsonLogs.routeJavaUtilLogging();
    JsonLogs.setServiceName(env.string("OTEL_SERVICE_NAME", serviceName));
    RunningService service = requireNonNull(start.apply(env, OpenTelemetry.noop()), "service");
    GracefulShutdown.onShutdown(service);
    return service;
  }

  /** Who traces the process: {@code TRACING_INSTRUMENTATION}, {@code project} by default. */
  private enum Instrumentation {
    PROJECT,
    OFF
  }
}
