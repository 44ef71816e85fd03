package dev.traced.telemetry;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the OpenTelemetry SDK of one service from the standard {@code OTEL_*} environment.
 *
 * <p>Code supplies defaults only; every standard variable ({@code OTEL_SERVICE_NAME},
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER}, {@code OTEL_PROPAGATORS},
 * {@code OTEL_RESOURCE_ATTRIBUTES}, {@code OTEL_BSP_*}, {@code OTEL_SDK_DISABLED}, ...) overrides
 * them. The SDK is returned, not installed as global: the caller passes it on explicitly and
 * closes it after the server has drained (see {@link GracefulShutdown}).
 */
public final class TelemetrySdk {

  /** Propagators used unless {@code OTEL_PROPAGATORS} says otherwise: {@value}. */
  public static final String DEFAULT_PROPAGATORS = "tracecontext,baggage";

  private TelemetrySdk() {}

  /**
   * Builds the SDK for {@code serviceName}: OTLP/HTTP trace export, W3C Trace Context and Baggage,
   * {@code service.version} and a random {@code service.instance.id} on the resource, baggage
   * entries copied onto spans, and log lines copied onto the current span as events. Metrics and
   * logs export default to {@code none}, because Jaeger takes traces only.
   */
  public static OpenTelemetrySdk autoconfigure(String serviceName, String serviceVersion) {
    requireNonNull(serviceName, "serviceName");
    requireNonNull(serviceVersion, "serviceVersion");
    // Before the SDK exists, so that whatever it logs is JSON from the first line.
    JsonLogs.routeJavaUtilLogging();
    Map<String, String> defaults =
        Map.of(
            "otel.service.name", serviceName,
            "otel.propagators", DEFAULT_PROPAGATORS,
            "otel.traces.exporter", "otlp",
            // Jaeger's OTLP/HTTP port, 4318; the SDK's own default would be gRPC on 4317.
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.metrics.exporter", "none",
            // Log records only become span events (SpanEventLogProcessor); none are exported.
            "otel.logs.exporter", "none",
            // Baggage reaching a service passed the gateway's allow-list: show it on every span.
            "otel.java.experimental.span-attributes.copy-from-baggage.include", "*");
    AtomicReference<String> effectiveServiceName = new AtomicReference<>(serviceName);
    SpanExportCounts exportCounts = new SpanExportCounts();
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> defaults)
            .addSpanExporterCustomizer((exporter, config) -> exportCounts.count(exporter))
            .addTracerProviderCustomizer((traces, config) -> traces.addSpanProcessor(exportCounts))
            .addResourceCustomizer(
                (resource, config) -> {
                  // Ours first, so that OTEL_RESOURCE_ATTRIBUTES still wins.
                  Resource merged = defaultResource(serviceVersion).merge(resource);
                  String name = merged.getAttribute(ServiceAttributes.SERVICE_NAME);
                  if (name != null) {
                    effectiveServiceName.set(name);
                  }
                  return merged;
                })
            .addLoggerProviderCustomizer(
                (logs, config) -> logs.addLogRecordProcessor(new SpanEventLogProcessor()))
            // The server drains first, then closes the SDK: see GracefulShutdown.
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    JsonLogs.setServiceName(effectiveServiceName.get());
    JsonLogs.sendToSpans(sdk);
    return sdk;
  }

  private static Resource defaultResource(String serviceVersion) {
    return Resource.create(
        Attributes.of(
            ServiceAttributes.SERVICE_VERSION, serviceVersion,
            ServiceAttributes.SERVICE_INSTANCE_ID, UUID.randomUUID().toString()));
  }
}
