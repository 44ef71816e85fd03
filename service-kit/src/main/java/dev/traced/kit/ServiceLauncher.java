package dev.traced.kit;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.JsonLogs;
import dev.traced.telemetry.TelemetrySdk;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.function.BiFunction;
import org.slf4j.Logger;
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
 * <p>{@code EXIT_AFTER_START=true} makes a training run: the service starts as usual, then the JVM
 * exits with status 0 through the same shutdown as on SIGTERM (server drained, resources closed,
 * SDK closed). The build runs each service so with {@code -XX:ArchiveClassesAtExit} to record the
 * classes a start loads in a class-data archive, which later starts map instead of loading them.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   ServiceLauncher.launch("order-service", Main.class,
 *       (env, openTelemetry) -> OrderServer.start(OrderConfig.from(env), openTelemetry));
 * }
 * }</pre>
 */
public final class ServiceLauncher {

  /** The variable that makes a training run: {@value}, {@code false} by default. */
  public static final String EXIT_AFTER_START = "EXIT_AFTER_START";

  private ServiceLauncher() {}

  /**
   * Starts {@code serviceName} with {@code start} and logs where it listens. The service version is
   * the {@code Implementation-Version} of the jar that holds {@code mainClass}, or {@code "dev"}.
   * With {@value #EXIT_AFTER_START}{@code =true} it does not return: the JVM shuts down as on
   * SIGTERM and exits with status 0.
   */
  public static RunningService launch(
      String serviceName,
      Class<?> mainClass,
      BiFunction<Env, OpenTelemetry, RunningService> start) {
    String version = requireNonNull(mainClass, "mainClass").getPackage().getImplementationVersion();
    Env env = Env.of(System.getenv());
    // Read first, so that a broken value stops the start before anything is opened.
    boolean exitAfterStart = env.flag(EXIT_AFTER_START, false);
    RunningService service =
        env.choice("TRACING_INSTRUMENTATION", Instrumentation.class, Instrumentation.PROJECT)
                == Instrumentation.OFF
            ? startWithoutTracing(serviceName, env, start)
            : startTraced(serviceName, version != null ? version : "dev", env, start);
    Logger log = LoggerFactory.getLogger(mainClass);
    log.info("{} listening on {}:{}", serviceName, service.host(), service.port());
    if (exitAfterStart) {
      log.info("{}=true: exiting after start", EXIT_AFTER_START);
      // exit, not a return from main: the shutdown hook closes in the usual order, and no
      // non-daemon thread of a library can keep the JVM (and the build that waits for it) alive.
      System.exit(0);
    }
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
