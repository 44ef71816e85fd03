package dev.traced.telemetry.javalin;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For the floor benchmark: the SERVER span work of one request, through the plugin's own filter,
 * {@link ServerSpans} and {@link InboundContext}, set up as a service behind the entry point is
 * (continue the caller's trace, no allow-list). The chain does what the plugin's before-handler
 * does once Javalin has matched the route, and nothing else.
 */
public final class ServerSpanWork {

  /** The route the request matches. */
  static final String ROUTE = "/login";

  private static final FilterChain MATCHED_ROUTE =
      (request, response) ->
          HttpServerRoute.update(Context.current(), HttpServerRouteSource.CONTROLLER, ROUTE);

  private final TracingFilter filter;
  private final StandInRequest request;
  private final StandInResponse response = new StandInResponse(200);

  private ServerSpanWork(TracingFilter filter, StandInRequest request) {
    this.filter = filter;
    this.request = request;
  }

  /**
   * The work as {@code openTelemetry} traces it, for a request that carries a trace and baggage.
   */
  public static ServerSpanWork create(OpenTelemetry openTelemetry) {
    InboundContext inbound =
        InboundContext.create(
            openTelemetry.getPropagators().getTextMapPropagator(),
            InboundTraceContext.CONTINUE,
            null,
            Map.of());
    TracingFilter filter =
        new TracingFilter(
            ServerSpans.instrumenter(openTelemetry, inbound),
            inbound,
            new UntracedPaths(TracingPlugin.DEFAULT_UNTRACED_PATHS),
            false);
    // What the gateway's traced client sends on.
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "auth-service:8081");
    headers.put("User-Agent", "Java-http-client/17.0.15");
    headers.put("Content-Type", "application/json");
    headers.put("Content-Length", "42");
    headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    headers.put("baggage", "demo.scenario=normal");
    return new ServerSpanWork(filter, new StandInRequest("POST", ROUTE, headers));
  }

  /** Passes one request through the filter: its SERVER span starts, is current, and ends. */
  public void run() throws IOException, ServletException {
    filter.doFilter(request, response, MATCHED_ROUTE);
  }
}
