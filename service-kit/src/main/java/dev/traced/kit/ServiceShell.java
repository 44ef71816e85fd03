package dev.traced.kit;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.http.ProblemResponses;
import dev.traced.kit.http.RequestRules;
import dev.traced.telemetry.javalin.TracingPlugin;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one way this project makes a service: a Javalin app with the standard plugins, started on a
 * host and port. The plugins, registered in this order:
 *
 * <ol>
 *   <li>{@link TracingPlugin}: a SERVER span per request, with the settings the service gives;
 *   <li>{@link ProblemResponses}: every error as {@code application/problem+json} with the trace
 *       id;
 *   <li>{@link RequestRules}: size limits, JSON bodies, 405 before 404;
 *   <li>{@link GracefulShutdown}: stopping drains in-flight requests.
 * </ol>
 *
 * <pre>{@code
 * RunningService service = ServiceShell.builder(openTelemetry)
 *     .tracing(tracing -> tracing.traceResponseHeader = true)
 *     .app(javalin -> routes.register(javalin.routes))
 *     .closeAfterStop(database)
 *     .start(config.host(), config.port());
 * }</pre>
 */
public final class ServiceShell {

  private ServiceShell() {}

  /** A shell whose spans go to {@code openTelemetry}. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(requireNonNull(openTelemetry, "openTelemetry"));
  }

  /** What differs from service to service. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private Consumer<TracingPlugin.Config> tracing = config -> {};
    private Consumer<JavalinConfig> app = config -> {};
    private final List<AutoCloseable> closeAfterStop = new ArrayList<>();

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /** Tracing settings beyond the defaults, e.g. {@code traceResponseHeader} at the entry. */
    public Builder tracing(Consumer<TracingPlugin.Config> tracing) {
      this.tracing = requireNonNull(tracing, "tracing");
      return this;
    }

    /** The service's own part of the Javalin configuration: routes, JSON mapper, files. */
    public Builder app(Consumer<JavalinConfig> app) {
      this.app = requireNonNull(app, "app");
      return this;
    }

    /**
     * Resources the service holds (a database pool), closed after the server has drained, in the
     * order given; also closed if the service fails to start.
     */
    public Builder closeAfterStop(AutoCloseable... resources) {
      closeAfterStop.addAll(List.of(resources));
      return this;
    }

    /** Creates the app and starts it on {@code host} and {@code port} (0: any free port). */
    public RunningService start(String host, int port) {
      requireNonNull(host, "host");
      List<AutoCloseable> cleanUp = new ArrayList<>(closeAfterStop);
      List<RunningService.Route> routes = new ArrayList<>();
      try {
        Javalin javalin =
            Javalin.create(
                config -> {
                  // Javalin tells each handler added; only the HTTP methods' ones are routes.
                  config.events.handlerAdded(
                      handler -> {
                        if (handler.getHttpMethod().isHttpMethod()) {
                          routes.add(
                              new RunningService.Route(
                                  handler.getHttpMethod().name(), handler.getPath()));
                        }
                      });
                  configure(config);
                });
        cleanUp.add(0, javalin::stop);
        javalin.start(host, port);
        return new RunningService(host, javalin, routes, closeAfterStop);
      } catch (RuntimeException e) {
        RuntimeException cleanUpFailure = RunningService.closeInOrder(cleanUp);
        if (cleanUpFailure != null) {
          e.addSuppressed(cleanUpFailure);
        }
        throw e;
      }
    }

    private void configure(JavalinConfig config) {
      config.startup.showJavalinBanner = false;
      config.registerPlugin(
          new TracingPlugin(
              settings -> {
                settings.openTelemetry = openTelemetry;
                tracing.accept(settings);
              }));
      config.registerPlugin(new ProblemResponses());
      // Every service checks its input itself, whatever a service in front of it checked.
      config.registerPlugin(new RequestRules());
      config.registerPlugin(new GracefulShutdown());
      app.accept(config);
    }
  }
}
