package dev.traced.telemetry.http;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@link HttpClient} that makes one CLIENT span per call, child of the current context, and sends
 * the W3C {@code traceparent}, {@code tracestate} and {@code baggage} headers with it.
 *
 * <p>Every call is bounded: {@link #DEFAULT_CONNECT_TIMEOUT} to connect and {@link
 * #DEFAULT_REQUEST_TIMEOUT} for the whole exchange unless the request sets its own timeout.
 */
public final class TracedHttpClient {

  /** Time allowed to open a connection: 2 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Time allowed for a whole call, unless the request sets its own: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final String INSTRUMENTATION_NAME = "dev.traced.telemetry.http";

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Instrumenter<OutgoingRequest, HttpResponse<?>> instrumenter;

  private TracedHttpClient(
      OpenTelemetry openTelemetry, Duration connectTimeout, Duration requestTimeout) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
    this.requestTimeout = requestTimeout;
    HttpClientAttributes getter = HttpClientAttributes.INSTANCE;
    this.instrumenter =
        Instrumenter.<OutgoingRequest, HttpResponse<?>>builder(
                openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
            .addAttributesExtractor(HttpClientAttributesExtractor.create(getter))
            .addOperationMetrics(HttpClientMetrics.get())
            .buildClientInstrumenter(getter);
  }

  /** Client with the default timeouts. */
  public static TracedHttpClient create(OpenTelemetry openTelemetry) {
    return create(openTelemetry, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * Client whose every call ends within {@code timeout}, connecting included: the connect
   * timeout is {@link #DEFAULT_CONNECT_TIMEOUT} or {@code timeout}, whichever is shorter.
   */
  public static TracedHttpClient create(OpenTelemetry openTelemetry, Duration timeout) {
    requireNonNull(timeout, "timeout");
    Duration connectTimeout =
        timeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0 ? timeout : DEFAULT_CONNECT_TIMEOUT;
    return create(openTelemetry, connectTimeout, timeout);
  }

  /** Client with the given timeouts. */
  public static TracedHttpClient create(
      OpenTelemetry openTelemetry, Duration connectTimeout, Duration requestTimeout) {
    return new TracedHttpClient(
        requireNonNull(openTelemetry, "openTelemetry"),
        requireNonNull(connectTimeout, "connectTimeout"),
        requireNonNull(requestTimeout, "requestTimeout"));
  }

  /**
   * Sends {@code request} and reads the body as a string. A call that fails to connect, times
   * out or breaks off throws, with the failure recorded on its CLIENT span.
   */
  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    requireNonNull(request, "request");
    OutgoingRequest outgoing = OutgoingRequest.of(request);
    if (request.timeout().isEmpty()) {
      outgoing.headers().timeout(requestTimeout);
    }
    Context parent = Context.current();
    if (!instrumenter.shouldStart(parent, outgoing)) {
      return client.send(outgoing.headers().build(), HttpResponse.BodyHandlers.ofString());
    }
    // start() writes traceparent, tracestate and baggage into outgoing.headers().
    Context context = instrumenter.start(parent, outgoing);
    HttpResponse<String> response = null;
    Throwable error = null;
    try (Scope ignored = context.makeCurrent()) {
      response = client.send(outgoing.headers().build(), HttpResponse.BodyHandlers.ofString());
      return response;
    } catch (IOException | InterruptedException | RuntimeException e) {
      error = e;
      throw e;
    } finally {
      instrumenter.end(context, outgoing, response, error);
    }
  }
}
