package dev.traced.telemetry.http;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.OperationMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.InstrumenterBuilder;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/**
 * Traces a {@link HttpClient}: each call becomes a CLIENT span, child of the context current when
 * it is sent, and carries the W3C {@code traceparent}, {@code tracestate} and {@code baggage}
 * headers. Shaped like the upstream library {@code JavaHttpClientTelemetry}
 * (opentelemetry-java-http-client), so that callers hold a plain {@link HttpClient} and the
 * upstream artifact could replace this one without touching them:
 *
 * <pre>{@code
 * HttpClient http = JavaHttpClientTelemetry.create(openTelemetry)
 *     .newHttpClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
 * http.send(request, HttpResponse.BodyHandlers.ofString());
 * }</pre>
 *
 * Timeouts stay the caller's: the client's connect timeout, and {@code HttpRequest.timeout} per
 * call.
 */
public final class JavaHttpClientTelemetry {

  /** The instrumentation scope name under which our client spans appear: {@value}. */
  static final String INSTRUMENTATION_NAME = "dev.traced.telemetry.http";

  /** {@code null} when tracing is off: clients are then returned as they are. */
  private final Instrumenter<OutgoingRequest, HttpResponse<?>> instrumenter;

  private JavaHttpClientTelemetry(Instrumenter<OutgoingRequest, HttpResponse<?>> instrumenter) {
    this.instrumenter = instrumenter;
  }

  /**
   * Tracing that sends its spans to {@code openTelemetry}. {@link OpenTelemetry#noop()} turns it
   * off, for a process that an agent (the OpenTelemetry Java agent) instruments instead.
   */
  public static JavaHttpClientTelemetry create(OpenTelemetry openTelemetry) {
    if (requireNonNull(openTelemetry, "openTelemetry") == OpenTelemetry.noop()) {
      return new JavaHttpClientTelemetry(null);
    }
    JavaHttpClientAttributesGetter getter = JavaHttpClientAttributesGetter.INSTANCE;
    InstrumenterBuilder<OutgoingRequest, HttpResponse<?>> builder =
        Instrumenter.<OutgoingRequest, HttpResponse<?>>builder(
                openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
            .addAttributesExtractor(HttpClientAttributesExtractor.create(getter));
    if (OperationMetrics.recorded(openTelemetry, INSTRUMENTATION_NAME)) {
      builder.addOperationMetrics(HttpClientMetrics.get());
    }
    return new JavaHttpClientTelemetry(builder.buildClientInstrumenter(HttpHeadersSetter.INSTANCE));
  }

  /** {@code client} with every call traced; its settings (timeouts, version) are kept. */
  public HttpClient newHttpClient(HttpClient client) {
    requireNonNull(client, "client");
    return instrumenter == null ? client : new TracingHttpClient(client, instrumenter);
  }
}
