package dev.traced.telemetry.http;

import dev.traced.telemetry.testing.InMemoryTelemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracedHttpClientTest {

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("test-service");
  private final InMemorySpanExporter spans = telemetry.exporter();
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
    TracedHttpClient client = TracedHttpClient.create(sdk);
    Span parent = sdk.getTracer("test").spanBuilder("handler").startSpan();
    HttpResponse<String> response;
    try (Scope ignored =
        Context.current().with(parent).with(Baggage.builder().put("tenant", "acme").build()).makeCurrent()) {
      response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + peer.port() + "/echo?x=1"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build());
    } finally {
      parent.end();
    }

    assertThat(response.statusCode()).isEqualTo(404);
    SpanData clientSpan =
        spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(clientSpan.getName()).isEqualTo("POST");
    assertThat(clientSpan.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(clientSpan.getAttributes().get(UrlAttributes.URL_FULL))
        .isEqualTo("http://127.0.0.1:" + peer.port() + "/echo?x=1");
    assertThat(clientSpan.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(clientSpan.getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo(peer.port());
    assertThat(clientSpan.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(404);
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
    TracedHttpClient client = TracedHttpClient.create(sdk);

    assertThatThrownBy(
            () -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build()))
        .isInstanceOf(ConnectException.class);

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo(ConnectException.class.getName());
  }

  @Test
  void boundsEveryCallByTheRequestTimeout() throws Exception {
    TracedHttpClient client = TracedHttpClient.create(sdk, Duration.ofSeconds(1), Duration.ofMillis(300));

    assertThatThrownBy(
            () -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + peer.port() + "/slow")).build()))
        .isInstanceOf(HttpTimeoutException.class);

    assertThat(onlySpan().getAttributes().get(ErrorAttributes.ERROR_TYPE))
        .isEqualTo(HttpTimeoutException.class.getName());
  }

  private SpanData onlySpan() {
    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(1);
    return finished.get(0);
  }
}
