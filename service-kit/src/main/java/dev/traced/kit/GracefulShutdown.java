package dev.traced.kit;

import static java.util.Objects.requireNonNull;

import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM in the right order: stop taking requests, let in-flight ones finish, then close the
 * OpenTelemetry SDK so that the spans of those last requests are exported too.
 *
 * <p>Register the plugin so that stopping Javalin drains, then hand the resources to {@link
 * #onShutdown} in the order they must close:
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> config.registerPlugin(new GracefulShutdown()));
 * app.start(port);
 * GracefulShutdown.onShutdown(app::stop, sdk);
 * }</pre>
 */
public final class GracefulShutdown extends Plugin<GracefulShutdown.Config> {

  /** How long in-flight requests may take to finish once shutdown begins: 10 seconds. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

  /** Settings of the plugin. */
  public static final class Config {
    /** Upper bound on waiting for in-flight requests; see {@link #DEFAULT_DRAIN_TIMEOUT}. */
    public Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
  }

  /** Plugin with the default drain timeout. */
  public GracefulShutdown() {
    this(config -> {});
  }

  /** Plugin configured by {@code userConfig}. */
  public GracefulShutdown(Consumer<Config> userConfig) {
    super(userConfig, new Config());
  }

  @Override
  public void onInitialize(JavalinState state) {
    long drainMillis = requireNonNull(pluginConfig.drainTimeout, "drainTimeout").toMillis();
    // Jetty drains only through a GracefulHandler, and waits at most the server's stop timeout.
    state.jetty.modifyServer(server -> server.setStopTimeout(drainMillis));
    state.jetty.modifyServletContextHandler(
        handler -> handler.insertHandler(new GracefulHandler()));
  }

  /**
   * On JVM shutdown (SIGTERM, Ctrl-C) closes {@code resources} one after the other: pass the server
   * first (its close stops intake and drains), the OpenTelemetry SDK last.
   */
  public static void onShutdown(AutoCloseable... resources) {
    List<AutoCloseable> inOrder = List.of(resources);
    Thread hook =
        new Thread(
            () -> {
              log.info("shutting down: draining in-flight requests");
              for (AutoCloseable resource : inOrder) {
                try {
                  resource.close();
                  // The type says which; the SDK's own description runs to a screenful.
                  log.info("closed {}", resource.getClass().getSimpleName());
                } catch (Exception e) {
                  log.warn("closing {} failed", resource.getClass().getSimpleName(), e);
                }
              }
              log.info("shutdown complete");
            },
            "graceful-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }
}
