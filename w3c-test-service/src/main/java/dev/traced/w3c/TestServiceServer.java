package dev.traced.w3c;

import dev.traced.telemetry.GracefulShutdown;
import dev.traced.telemetry.http.TracedHttpClient;
import dev.traced.telemetry.javalin.ProblemResponses;
import dev.traced.telemetry.javalin.RequestRules;
import dev.traced.telemetry.javalin.TracingPlugin;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The running test service: {@code POST /test} traced by {@link TracingPlugin} with its defaults
 * (the caller's trace continued, all baggage kept), callbacks sent by {@link TracedHttpClient},
 * exactly the propagation the project's services have.
 */
public final class TestServiceServer implements AutoCloseable {

  private final Javalin app;
  private final String host;

  private TestServiceServer(Javalin app, String host) {
    this.app = app;
    this.host = host;
  }

  /** Starts the service; spans and callbacks use {@code openTelemetry}. */
  public static TestServiceServer start(TestServiceConfig config, OpenTelemetry openTelemetry) {
    TestRoute route = new TestRoute(new CallbackClient(TracedHttpClient.create(openTelemetry)));
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.startup.showJavalinBanner = false;
              javalin.registerPlugin(
                  new TracingPlugin(tracing -> tracing.openTelemetry = openTelemetry));
              javalin.registerPlugin(new ProblemResponses());
              // JSON only (415 otherwise): a browser cannot send that to another origin without a
              // CORS preflight, which this service never grants, so no web page can make it call
              // URLs of its choosing.
              javalin.registerPlugin(new RequestRules());
              javalin.registerPlugin(new GracefulShutdown());
              javalin.routes.post(TestRoute.PATH, route::handle);
            });
    app.start(config.host(), config.port());
    return new TestServiceServer(app, config.host());
  }

  /** The interface the service listens on. */
  public String host() {
    return host;
  }

  /** The port the service listens on (the real one when configured with 0). */
  public int port() {
    return app.port();
  }

  /** Stops taking requests and waits for in-flight ones. */
  @Override
  public void close() {
    app.stop();
  }
}
