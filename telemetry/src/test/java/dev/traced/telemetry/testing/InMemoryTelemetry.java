package dev.traced.telemetry.testing;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.List;

/**
 * For tests: an SDK with the propagators that {@code TelemetrySdk} configures by default (W3C
 * Trace Context and Baggage) that keeps every finished span in memory, exported as it ends.
 * Shared with the services' tests through this module's test jar.
 */
public final class InMemoryTelemetry implements AutoCloseable {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk;

  private InMemoryTelemetry(String serviceName) {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setResource(
                        Resource.getDefault()
                            .merge(
                                Resource.create(
                                    Attributes.of(ServiceAttributes.SERVICE_NAME, serviceName))))
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
            .build();
  }

  /** Telemetry of a service called {@code serviceName}. */
  public static InMemoryTelemetry create(String serviceName) {
    return new InMemoryTelemetry(serviceName);
  }

  /** The SDK to hand to the code under test. */
  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  /** The exporter that holds the finished spans. */
  public InMemorySpanExporter exporter() {
    return exporter;
  }

  /** The spans finished so far. */
  public List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
