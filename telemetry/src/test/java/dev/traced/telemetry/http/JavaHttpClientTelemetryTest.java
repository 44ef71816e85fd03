package dev.traced.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.javalin.Javalin;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JavaHttpClientTelemetryTest {

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("test-service");
  private final Map<String, String> receivedHeaders = new ConcurrentHashMap<>();
  private OpenTelemetrySdk sdk;
  private Javalin peer;

  @BeforeEach
  void start() {
    sdk = telemetry.sdk();
    peer =
        Javalin.create(
                config -> {
                  config.routes.post(
                      "/echo",
                      ctx -> {
                        ctx.headerMap().forEach((k, v) -> receivedHeaders.put(k.toLowerCase(), v));
                        ctx.status(404).result("nope");
                      });
                  config.routes.get(
                      "/slow",
                      ctx -> {
                        Thread.sleep(2_000);
                        ctx.result("late");
                      });
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    peer.stop();
    sdk.close();
  }

  @Test
  void makesAClientSpanUnderTheCurrentContextAndPropagatesIt() throws Exception {
    HttpClient client = traced(HttpClient.newHttpClient());
    Span parent = sdk.getTracer("test").spanBuilder("handler").startSpan();
    HttpResponse<String> response;
    try (Scope ignored =
        Context.current()
            .with(parent)
            .with(Baggage.builder().put("tenant", "acme").build())
            .makeCurrent()) {
      response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + peer.port() + "/echo?x=1"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } finally {
      parent.end();
    }

    assertThat(response.statusCode()).isEqualTo(404);
    SpanData clientSpan = telemetry.awaitSpan("a CLIENT span", s -> s.getKind() == SpanKind.CLIENT);
    assertThat(clientSpan.getName()).isEqualTo("POST");
    assertThat(clientSpan.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(clientSpan.getAttributes().get(UrlAttributes.URL_FULL))
        .isEqualTo("http://127.0.0.1:" + peer.port() + "/echo?x=1");
    assertThat(clientSpan.getAttributes().get(ServerAttributes.SERVER_ADDRESS))
        .isEqualTo("127.0.0.1");
    assertThat(clientSpan.getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo(peer.port());
    assertThat(clientSpan.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(404);
    // For a client, a 4xx answer is an error.
    assertThat(clientSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(clientSpan.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("404");
    assertThat(receivedHeaders.get("traceparent"))
        .isEqualTo(
            "00-"
                + clientSpan.getTraceId()
                + "-"
                + clientSpan.getSpanId()
                + "-"
                + clientSpan.getSpanContext().getTraceFlags().asHex());
    assertThat(receivedHeaders.get("baggage")).isEqualTo("tenant=acme");
  }

  @Test
  void recordsAConnectionFailureOnTheSpan() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpClient client = traced(HttpClient.newHttpClient());

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE))
        .isEqualTo(ConnectException.class.getName());
  }

  @Test
  void recordsTheRequestTimeoutOnTheSpan() throws Exception {
    HttpClient client = traced(HttpClient.newHttpClient());
    HttpRequest slow =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + peer.port() + "/slow"))
            .timeout(Duration.ofMillis(300))
            .build();

    assertThatThrownBy(() -> client.send(slow, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    assertThat(onlySpan().getAttributes().get(ErrorAttributes.ERROR_TYPE))
        .isEqualTo(HttpTimeoutException.class.getName());
  }

  @Test
  void keepsTheWrappedClientsSettings() {
    HttpClient plain =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(1500))
            .build();

    HttpClient client = traced(plain);

    assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(client.connectTimeout()).hasValue(Duration.ofMillis(1500));
  }

  @Test
  void tracesAnAsynchronousCallUntilItsAnswerArrives() throws Exception {
    HttpClient client = traced(HttpClient.newHttpClient());
    Span parent = sdk.getTracer("test").spanBuilder("handler").startSpan();
    CompletableFuture<HttpResponse<String>> answer;
    try (Scope ignored = parent.makeCurrent()) {
      answer =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + peer.port() + "/echo"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } finally {
      parent.end();
    }

    assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    SpanData clientSpan = telemetry.awaitSpan("a CLIENT span", s -> s.getKind() == SpanKind.CLIENT);
    assertThat(clientSpan.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(clientSpan.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(404);
    assertThat(receivedHeaders.get("traceparent")).contains(clientSpan.getSpanId());
  }

  private HttpClient traced(HttpClient client) {
    return JavaHttpClientTelemetry.create(sdk).newHttpClient(client);
  }

  private SpanData onlySpan() {
    return telemetry.awaitSpans(1).get(0);
  }
}
