package dev.traced.telemetry.javalin;

import static java.util.Objects.requireNonNull;

import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import io.javalin.router.Endpoint;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Javalin plugin that traces every request: one SERVER span named {@code "{method} {route}"}, its
 * parent extracted from {@code traceparent}, {@code tracestate} and {@code baggage}, and its
 * context current while the handler runs, so logs and outgoing calls join the trace. A request that
 * Jetty rejects before any handler runs (431, 414, a malformed target) gets a span of its own too,
 * around the error response (see {@link TracedRejections}).
 *
 * <p>Handlers may be synchronous or asynchronous ({@code ctx.future(...)}): the span ends when the
 * response is complete. An exception that the app's exception handling catches reaches the span
 * when the handler stores it as the servlet error attribute ({@code
 * jakarta.servlet.error.exception}), as containers and frameworks do.
 *
 * <pre>{@code
 * Javalin.create(config -> config.registerPlugin(new TracingPlugin(tracing -> {
 *   tracing.openTelemetry = openTelemetry;
 *   tracing.traceResponseHeader = true; // public entry points only
 * })));
 * }</pre>
 */
public final class TracingPlugin extends Plugin<TracingPlugin.Config> {

  /** Paths never traced unless configured otherwise: health checks are noise in Jaeger. */
  public static final Set<String> DEFAULT_UNTRACED_PATHS = Set.of("/health");

  /** Settings of the plugin. */
  public static final class Config {
    /**
     * The SDK (or API) that spans go to. Required. {@link OpenTelemetry#noop()} turns the plugin
     * off: it then adds nothing to the request path, so that an agent attached to the process (the
     * OpenTelemetry Java agent) traces the server alone.
     */
    public OpenTelemetry openTelemetry;

    /**
     * Request paths that get no span: exact, a prefix written as {@code "/assets/*"} or a suffix
     * written as {@code "*.js"}; see {@link #DEFAULT_UNTRACED_PATHS}.
     */
    public Set<String> untracedPaths = DEFAULT_UNTRACED_PATHS;

    /** Whether responses carry the W3C {@code traceresponse} header. Off by default. */
    public boolean traceResponseHeader = false;

    /**
     * Baggage keys accepted from callers; others are dropped before the handler runs. {@code null},
     * the default, keeps all, which suits services that only trusted peers can reach.
     */
    public Set<String> baggageAllowList = null;

    /**
     * Request headers whose value (a short token) this service turns into baggage, header name to
     * baggage key; for example {@code Map.of("Tenant", "tenant.id")}. Empty by default.
     */
    public Map<String, String> baggageFromHeaders = Map.of();

    /**
     * Whether the SERVER span continues the trace context a caller sends, or restarts the trace
     * with a link to it; see {@link InboundTraceContext}. {@link InboundTraceContext#CONTINUE} by
     * default. A public entry point that should not let outside callers choose trace ids, sampling
     * or {@code tracestate} sets {@link InboundTraceContext#RESTART}.
     */
    public InboundTraceContext inboundTraceContext = InboundTraceContext.CONTINUE;
  }

  /** Plugin configured by {@code userConfig}, which must set {@link Config#openTelemetry}. */
  public TracingPlugin(Consumer<Config> userConfig) {
    super(userConfig, new Config());
  }

  @Override
  public void onInitialize(JavalinState state) {
    OpenTelemetry openTelemetry = requireNonNull(pluginConfig.openTelemetry, "openTelemetry");
    if (openTelemetry == OpenTelemetry.noop()) {
      // Installed, its filter would make a no-op span from the headers alone and hide the span
      // an agent started around the request from the handler.
      return;
    }
    InboundContext inbound =
        InboundContext.create(
            openTelemetry.getPropagators().getTextMapPropagator(),
            requireNonNull(pluginConfig.inboundTraceContext, "inboundTraceContext"),
            pluginConfig.baggageAllowList,
            requireNonNull(pluginConfig.baggageFromHeaders, "baggageFromHeaders"));
    TracingFilter filter =
        new TracingFilter(
            ServerSpans.instrumenter(openTelemetry, inbound),
            inbound,
            new UntracedPaths(requireNonNull(pluginConfig.untracedPaths, "untracedPaths")),
            pluginConfig.traceResponseHeader);
    state.jetty.modifyServletContextHandler(
        handler -> handler.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST)));
    // Only now is the route template known; the path of the before-handler itself would be "*".
    state.routes.beforeMatched(
        ctx -> {
          Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
          if (matched != null) {
            HttpServerRoute.update(
                Context.current(), HttpServerRouteSource.CONTROLLER, matched.path);
          }
        });
  }

  /**
   * Wraps Jetty's error handler. In {@code onStart}, which Javalin calls after every plugin's
   * {@code onInitialize}: a handler that another plugin installs there (such as one answering in
   * problem+json) is then in place to be wrapped, whichever plugin was registered first.
   */
  @Override
  public void onStart(JavalinState state) {
    OpenTelemetry openTelemetry = pluginConfig.openTelemetry;
    if (openTelemetry == OpenTelemetry.noop()) {
      return;
    }
    state.jetty.modifyServer(
        server ->
            server.setErrorHandler(
                new TracedRejections(
                    ServerSpans.rejectionInstrumenter(openTelemetry), server.getErrorHandler())));
  }
}
