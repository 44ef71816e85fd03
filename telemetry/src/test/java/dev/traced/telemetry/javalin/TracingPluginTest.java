package dev.traced.telemetry.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.javalin.Javalin;
import io.javalin.http.NotFoundResponse;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ExceptionAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.servlet.RequestDispatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingPluginTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("test-service");
  private static final Duration ASYNC_DELAY = Duration.ofMillis(300);

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong asyncWorkDone = new AtomicLong();
  private OpenTelemetrySdk sdk;
  private Javalin app;

  @BeforeEach
  void start() {
    sdk = telemetry.sdk();
    app =
        Javalin.create(
                config -> {
                  config.registerPlugin(
                      new TracingPlugin(
                          tracing -> {
                            tracing.openTelemetry = sdk;
                            tracing.traceResponseHeader = true;
                            tracing.baggageAllowList = Set.of("tenant");
                            tracing.baggageFromHeaders = Map.of("Tenant", "tenant.id");
                            tracing.untracedPaths = Set.of("/health", "/assets/*", "*.css");
                          }));
                  // What an app's exception handling does so that the span learns of the error.
                  config.routes.exception(
                      Exception.class,
                      (e, ctx) -> {
                        ctx.req().setAttribute(RequestDispatcher.ERROR_EXCEPTION, e);
                        ctx.status(500).result(Span.current().getSpanContext().getTraceId());
                      });
                  config.routes.get("/health", ctx -> ctx.result("UP"));
                  config.routes.get("/assets/app.js", ctx -> ctx.result("//"));
                  config.routes.get("/style.css", ctx -> ctx.result("/**/"));
                  config.routes.get(
                      "/items/{id}",
                      ctx -> {
                        if (ctx.pathParam("id").equals("0")) {
                          throw new NotFoundResponse("no item 0");
                        }
                        ctx.result(
                            new TreeMap<>(Baggage.current().asMap())
                                .entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue().getValue())
                                    .collect(Collectors.joining(",")));
                      });
                  config.routes.get(
                      "/later",
                      ctx ->
                          ctx.future(
                              () ->
                                  CompletableFuture.supplyAsync(
                                          () -> {
                                            asyncWorkDone.set(System.nanoTime());
                                            return "done later";
                                          },
                                          CompletableFuture.delayedExecutor(
                                              ASYNC_DELAY.toMillis(), TimeUnit.MILLISECONDS))
                                      .thenAccept(ctx::result)));
                  config.routes.get(
                      "/boom",
                      ctx -> {
                        throw new IllegalStateException("boom");
                      });
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    sdk.close();
  }

  @Test
  void namesTheServerSpanByRouteAndContinuesTheCallersTrace() throws Exception {
    HttpResponse<String> response =
        get(
            "/items/42?full=true",
            "traceparent",
            "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01",
            "baggage",
            "tenant=acme,secret=x");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("GET /items/{id}");
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_ROUTE)).isEqualTo("/items/{id}");
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_REQUEST_METHOD)).isEqualTo("GET");
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200);
    assertThat(span.getAttributes().get(UrlAttributes.URL_PATH)).isEqualTo("/items/42");
    assertThat(span.getAttributes().get(UrlAttributes.URL_QUERY)).isEqualTo("full=true");
    assertThat(response.headers().firstValue("traceresponse"))
        .hasValue("00-" + TRACE_ID + "-" + span.getSpanId() + "-01");
    // Only the allow-listed baggage entry reached the handler.
    assertThat(response.body()).isEqualTo("tenant=acme");
  }

  @Test
  void startsANewTraceWhenTraceparentIsMalformed() throws Exception {
    get("/items/42", "traceparent", "00-" + TRACE_ID + "-not-a-span-id-01");

    SpanData span = onlySpan();
    assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void marksAnUncaughtExceptionAsErrorAndAnswersWithAProblem() throws Exception {
    HttpResponse<String> response = get("/boom");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("GET /boom");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    // Semconv: once a status code was sent, error.type is that code; the exception is an event.
    assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("500");
    assertThat(span.getEvents())
        .anySatisfy(
            event -> {
              assertThat(event.getName()).isEqualTo("exception");
              assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_TYPE))
                  .isEqualTo(IllegalStateException.class.getName());
            });
    assertThat(response.statusCode()).isEqualTo(500);
    // The exception handler ran inside the span: its context was still current.
    assertThat(response.body()).isEqualTo(span.getTraceId());
  }

  @Test
  void endsTheSpanOfAnAsynchronousRequestWhenItsResponseIsComplete() throws Exception {
    HttpResponse<String> response = get("/later");

    SpanData span = onlySpan();
    assertThat(response.body()).isEqualTo("done later");
    assertThat(span.getName()).isEqualTo("GET /later");
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200);
    // Not when the handler returned, which was before the work began.
    assertThat(span.getEndEpochNanos() - span.getStartEpochNanos())
        .isGreaterThanOrEqualTo(ASYNC_DELAY.toNanos());
    assertThat(asyncWorkDone.get()).isNotZero();
  }

  @Test
  void leavesClientErrorsUnsetOnTheServerSpan() throws Exception {
    HttpResponse<String> response = get("/items/0");

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void namesUnmatchedRequestsByMethodOnly() throws Exception {
    HttpResponse<String> response = get("/nowhere/17");

    assertThat(onlySpan().getName()).isEqualTo("GET");
    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void turnsAConfiguredHeaderIntoBaggageButNotAnArbitraryValue() throws Exception {
    assertThat(get("/items/1", "Tenant", "acme-42", "baggage", "tenant=acme").body())
        .isEqualTo("tenant=acme,tenant.id=acme-42");
    assertThat(get("/items/1", "Tenant", "x,evil=1").body()).isEmpty();
    // Inbound baggage may not set the key either: only the header, at the entry point, can.
    assertThat(get("/items/1", "baggage", "tenant.id=forged").body()).isEmpty();
  }

  @Test
  void doesNotTraceHealthChecksOrUntracedPrefixes() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/assets/app.js").statusCode()).isEqualTo(200);
    assertThat(get("/style.css").statusCode()).isEqualTo(200);
    // A traced request after them: once its span has ended, theirs would have too.
    get("/items/1");

    assertThat(onlySpan().getName()).isEqualTo("GET /items/{id}");
  }

  private SpanData onlySpan() {
    return telemetry.awaitSpans(1).get(0);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
