package dev.traced.gateway;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The demo page: static files from the jar at {@code /}, its settings at {@code /demo/config}, and
 * {@code /demo/traces/{traceId}}, which reads one trace from Jaeger's query API so the page can
 * draw it without Jaeger allowing cross-origin calls. Nothing else of Jaeger is reachable through
 * it.
 */
final class DemoPage {

  /** Paths of the page that get no span: watching traces should not make new ones. */
  static final Set<String> UNTRACED_PATHS =
      Set.of("/", "/index.html", "*.js", "*.css", "/favicon.ico", "/demo/*");

  /** A W3C trace id: 32 lowercase hex digits, the only thing the proxy passes to Jaeger. */
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  // A plain client on purpose: these reads are not part of any trace worth keeping.
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI jaegerQueryUrl;
  private final Settings settings;

  DemoPage(URI jaegerQueryUrl, URI jaegerUiUrl, TraceSampling traceSampling) {
    this.jaegerQueryUrl = jaegerQueryUrl;
    this.settings =
        new Settings(
            jaegerUiUrl.toString(),
            traceSampling == TraceSampling.TAIL
                ? new TailSampling(TraceSampling.DECISION_WAIT.toMillis(), TraceSampling.TAIL_KEEPS)
                : null);
  }

  void register(JavalinConfig config) {
    config.staticFiles.add("/public", Location.CLASSPATH);
    config.routes.get("/demo/config", ctx -> ctx.json(settings));
    config.routes.get("/demo/traces/{traceId}", this::trace);
  }

  /** Jaeger's answer for one trace, status and body as they are (404 until it has the trace). */
  private void trace(Context ctx) throws IOException, InterruptedException {
    String traceId = ctx.pathParam("traceId");
    if (!TRACE_ID.matcher(traceId).matches()) {
      throw new BadRequestResponse("traceId must be 32 lowercase hex digits");
    }
    HttpRequest request =
        HttpRequest.newBuilder(jaegerQueryUrl.resolve("/api/traces/" + traceId))
            .timeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    ctx.status(response.statusCode()).contentType("application/json").result(response.body());
  }

  /**
   * What the page reads at {@code /demo/config}: where Jaeger's UI is, and how the tail sampler
   * decides, {@code null} when Jaeger gets every trace.
   */
  record Settings(String jaegerUiUrl, TailSampling tailSampling) {}

  /**
   * The tail sampler, as the page explains a trace that is not in Jaeger: none arrives before
   * {@code decisionWaitMs}, and only those that {@code keeps} names arrive at all.
   */
  record TailSampling(long decisionWaitMs, String keeps) {}
}
