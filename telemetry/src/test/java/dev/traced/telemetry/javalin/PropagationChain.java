package dev.traced.telemetry.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.telemetry.http.JavaHttpClientTelemetry;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import dev.traced.testing.RawHttp;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For tests: what a traced service receives and what it sends on. The service's one route, {@code
 * GET /call}, calls a downstream on loopback through the traced client; the downstream records the
 * propagation headers it received. Both accept request headers up to 64 KiB, so that the limits
 * under test are the propagators', not Jetty's (8 KiB by default).
 */
final class PropagationChain implements AutoCloseable {

  /** The headers the downstream records, each with every line it received. */
  static final List<String> PROPAGATION_HEADERS = List.of("traceparent", "tracestate", "baggage");

  private static final int HEADER_LIMIT = 64 * 1024;

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("conformance-service");
  private final AtomicReference<Map<String, List<String>>> received = new AtomicReference<>();
  private final AtomicReference<SpanContext> serverSpan = new AtomicReference<>();
  private final Javalin downstream;
  private final Javalin service;

  private PropagationChain(Consumer<TracingPlugin.Config> tracing) {
    downstream =
        Javalin.create(
                config -> {
                  allowLargeHeaders(config);
                  config.routes.get(
                      "/record",
                      ctx -> {
                        Map<String, List<String>> headers = new TreeMap<>();
                        for (String name : PROPAGATION_HEADERS) {
                          headers.put(name, Collections.list(ctx.req().getHeaders(name)));
                        }
                        received.set(headers);
                      });
                })
            .start("127.0.0.1", 0);
    HttpClient client =
        JavaHttpClientTelemetry.create(telemetry.sdk()).newHttpClient(HttpClient.newHttpClient());
    URI record = URI.create("http://127.0.0.1:" + downstream.port() + "/record");
    service =
        Javalin.create(
                config -> {
                  allowLargeHeaders(config);
                  config.registerPlugin(
                      new TracingPlugin(
                          plugin -> {
                            plugin.openTelemetry = telemetry.sdk();
                            tracing.accept(plugin);
                          }));
                  config.routes.get(
                      "/call",
                      ctx -> {
                        serverSpan.set(Span.current().getSpanContext());
                        ctx.status(
                            client
                                .send(
                                    HttpRequest.newBuilder(record).build(),
                                    HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                      });
                })
            .start("127.0.0.1", 0);
  }

  /** A service traced with the plugin's defaults changed by {@code tracing}. */
  static PropagationChain start(Consumer<TracingPlugin.Config> tracing) {
    return new PropagationChain(tracing);
  }

  /** Sends {@code GET /call} with exactly {@code lines} and returns what happened on the way. */
  Hop call(List<RawHttp.Line> lines) throws IOException {
    received.set(null);
    serverSpan.set(null);
    assertThat(RawHttp.get(service.port(), "/call", lines).status())
        .as("status of /call")
        .isEqualTo(200);
    assertThat(received.get()).as("headers at the downstream").isNotNull();
    return new Hop(received.get(), serverSpan.get());
  }

  /** The spans finished so far. */
  List<SpanData> spans() {
    return telemetry.spans();
  }

  @Override
  public void close() {
    service.stop();
    downstream.stop();
    telemetry.close();
  }

  private static void allowLargeHeaders(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(HEADER_LIMIT));
  }

  /** A {@code traceparent} value split into its fields. */
  record Traceparent(String version, String traceId, String parentId, String flags) {
    private static final Pattern FORMAT =
        Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    static Traceparent parse(String value) {
      Matcher matcher = FORMAT.matcher(value);
      assertThat(matcher.matches()).as("a version 00 traceparent: %s", value).isTrue();
      return new Traceparent(
          matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }
  }

  /** One call: the headers the downstream received and the SERVER span's context. */
  final class Hop {
    private final Map<String, List<String>> received;
    private final SpanContext server;

    private Hop(Map<String, List<String>> received, SpanContext server) {
      this.received = received;
      this.server = server;
    }

    /** The context of the SERVER span, recorded or not. */
    SpanContext server() {
      return server;
    }

    /** The one line of {@code header} the downstream received, if any. */
    Optional<String> sent(String header) {
      List<String> lines = received.get(header);
      assertThat(lines).as("%s lines sent", header).hasSizeLessThanOrEqualTo(1);
      return lines.stream().findFirst();
    }

    /** The {@code traceparent} sent on, which every call carries. */
    Traceparent sentTraceparent() {
      return Traceparent.parse(sent("traceparent").orElseThrow());
    }

    /** The SERVER span as exported; waits for it, since it ends after the response is written. */
    SpanData serverSpan() {
      return awaitSpan(SpanKind.SERVER, span -> span.getSpanId().equals(server.getSpanId()));
    }

    /** The CLIENT span of the call to the downstream. */
    SpanData clientSpan() {
      return awaitSpan(SpanKind.CLIENT, span -> span.getParentSpanId().equals(server.getSpanId()));
    }

    private SpanData awaitSpan(SpanKind kind, Predicate<SpanData> match) {
      return telemetry.awaitSpan(
          "a matching " + kind + " span", span -> span.getKind() == kind && match.test(span));
    }
  }
}
