package dev.traced.w3c;

import dev.traced.kit.RunningService;
import dev.traced.kit.ServiceLauncher;
import dev.traced.kit.ServiceShell;
import dev.traced.kit.http.HttpClients;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;

/**
 * Starts the test service: {@code POST /test} in the project's service shell with the tracing
 * defaults (the caller's trace continued, all baggage kept) and callbacks through the traced
 * client, exactly the propagation the project's services have.
 *
 * <p>The shell's request rules make the service JSON only (415 otherwise): a browser cannot send
 * that to another origin without a CORS preflight, which this service never grants, so no web page
 * can make it call URLs of its choosing.
 */
public final class TestServiceServer {

  private TestServiceServer() {}

  /**
   * Runs w3c-test-service: {@code java -jar w3c-test-service.jar}, configured by the environment,
   * until the JVM is told to stop (SIGTERM, Ctrl-C).
   */
  public static void main(String[] args) {
    ServiceLauncher.launch(
        "w3c-test-service",
        TestServiceServer.class,
        (env, otel) -> start(TestServiceConfig.from(env), otel));
  }

  /** Starts the service; spans and callbacks use {@code openTelemetry}. */
  public static RunningService start(TestServiceConfig config, OpenTelemetry openTelemetry) {
    TestRoute route =
        new TestRoute(
            new CallbackClient(
                HttpClients.traced(
                    openTelemetry, Duration.ofSeconds(CallbackClient.TIMEOUT_SECONDS))));
    return ServiceShell.builder(openTelemetry)
        .app(javalin -> javalin.routes.post(TestRoute.PATH, route::handle))
        .start(config.host(), config.port());
  }
}
