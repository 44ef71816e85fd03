package dev.traced.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.telemetry.javalin.TracingPlugin;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import dev.traced.testing.RawHttp;
import io.javalin.Javalin;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that Jetty rejects before Javalin runs: answered as problems, each with a trace id that
 * names a SERVER span of its own.
 */
class JettyRejectionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADERS = "Host: localhost\r\nConnection: close\r\n";

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("test-service");
  private Javalin app;

  @AfterEach
  void stop() {
    app.stop();
    telemetry.close();
  }

  static Stream<Arguments> rejections() {
    String longLine = "a".repeat(9000);
    return Stream.of(
        arguments("header over 8 KiB", 431, "GET /items HTTP/1.1\r\nX-Junk: " + longLine + "\r\n"),
        arguments("URI over 8 KiB", 414, "GET /" + longLine + " HTTP/1.1\r\n"),
        arguments("path above the root", 400, "GET /../../etc/passwd HTTP/1.1\r\n"),
        arguments("encoded dot-dots", 400, "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n"),
        arguments("NUL in the path", 400, "GET /items/%00 HTTP/1.1\r\n"),
        arguments("PUT above the root", 400, "PUT /../x HTTP/1.1\r\nContent-Length: 0\r\n"),
        arguments("unknown version", 505, "GET /items HTTP/9.9\r\n"),
        arguments("no Host", 400, "GET /items HTTP/1.1\r\nConnection: close\r\n\r\n"),
        arguments("no URI", 400, "GARBAGE\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void answersWithAProblemWhoseTraceIdIsASpan(String name, int status, String request)
      throws Exception {
    app = start(true);

    RawHttp.Reply answer = RawHttp.exchange(app.port(), complete(request));

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.headers().get("content-type")).startsWith(Problem.CONTENT_TYPE);
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank().doesNotContain("<");
    SpanData span = telemetry.awaitSpans(1).get(0);
    assertThat(problem.path("traceId").asText()).isEqualTo(span.getTraceId());
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(status);
  }

  @Test
  void aTracedRequestThatFailsPastJavalinIsAnsweredInItsOwnTrace() throws Exception {
    app = start(true);

    RawHttp.Reply answer = RawHttp.exchange(app.port(), complete("GET /broken HTTP/1.1\r\n"));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.headers().get("content-type")).startsWith(Problem.CONTENT_TYPE);
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("detail").asText()).doesNotContain("filter failed");
    SpanData span = telemetry.awaitSpans(1).get(0);
    assertThat(span.getAttributes().get(HttpAttributes.HTTP_REQUEST_METHOD)).isEqualTo("GET");
    assertThat(problem.path("traceId").asText()).isEqualTo(span.getTraceId());
  }

  @Test
  void aRejectionCarriesNoTraceIdWithoutTheTracingPlugin() throws Exception {
    app = start(false);

    RawHttp.Reply answer =
        RawHttp.exchange(app.port(), "GET /../etc/passwd HTTP/1.1\r\n" + HEADERS + "\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.headers().get("content-type")).startsWith(Problem.CONTENT_TYPE);
    assertThat(JSON.readTree(answer.body()).path("traceId").isNull()).isTrue();
  }

  private Javalin start(boolean traced) {
    return Javalin.create(
            config -> {
              // ProblemResponses first, the other way round from the services: the order in
              // which the two plugins are registered must not matter.
              config.registerPlugin(new ProblemResponses());
              if (traced) {
                config.registerPlugin(
                    new TracingPlugin(tracing -> tracing.openTelemetry = telemetry.sdk()));
              }
              config.startup.showJavalinBanner = false;
              // A failure past Javalin's own exception handling, which Jetty then answers.
              config.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addFilter(
                          (Filter)
                              (request, response, chain) -> {
                                throw new IllegalStateException("filter failed");
                              },
                          "/broken",
                          EnumSet.of(DispatcherType.REQUEST)));
              config.routes.get("/items", ctx -> ctx.result("items"));
            })
        .start("127.0.0.1", 0);
  }

  /** Ends the head with Host and Connection: close, unless the request is complete already. */
  private static String complete(String request) {
    return request.endsWith("\r\n\r\n") ? request : request + HEADERS + "\r\n";
  }
}
