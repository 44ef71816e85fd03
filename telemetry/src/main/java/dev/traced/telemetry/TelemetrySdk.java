package dev.traced.telemetry;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.propagation.TraceContextPropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.LogLimitsBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Builds the OpenTelemetry SDK of one service from the standard {@code OTEL_*} environment.
 *
 * <p>Code supplies defaults only; every standard variable ({@code OTEL_SERVICE_NAME}, {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER}, {@code OTEL_PROPAGATORS}, {@code
 * OTEL_RESOURCE_ATTRIBUTES}, {@code OTEL_BSP_*}, {@code OTEL_SDK_DISABLED}, ...) overrides them.
 * The SDK is returned, not installed as global: the caller passes it on explicitly and closes it
 * after the server has drained.
 *
 * <p>Tests build the same SDK with {@link Builder#spanExporter} in place of OTLP, so that they
 * exercise the processors production uses.
 */
public final class TelemetrySdk {

  /** Propagators used unless {@code OTEL_PROPAGATORS} says otherwise: {@value}. */
  public static final String DEFAULT_PROPAGATORS = "tracecontext,baggage";

  private TelemetrySdk() {}

  /**
   * The SDK of {@code serviceName} at {@code serviceVersion}, exporting over OTLP, with the
   * process's logging connected to it (see {@link JsonLogs}): {@code java.util.logging} routed to
   * logback, {@code service.name} on every JSON line, log lines onto spans. One service per JVM.
   */
  public static OpenTelemetrySdk autoconfigure(String serviceName, String serviceVersion) {
    // Before the SDK exists, so that whatever it logs is JSON from the first line.
    JsonLogs.routeJavaUtilLogging();
    Builder builder = builder(serviceName).serviceVersion(serviceVersion);
    OpenTelemetrySdk sdk = builder.build();
    JsonLogs.setServiceName(builder.effectiveServiceName.get());
    JsonLogs.sendToSpans(sdk);
    return sdk;
  }

  /** A builder for the SDK of {@code serviceName}. */
  public static Builder builder(String serviceName) {
    return new Builder(requireNonNull(serviceName, "serviceName"));
  }

  /** Settings of the SDK that code, not the environment, decides. */
  public static final class Builder {
    private final String serviceName;
    private String serviceVersion = "dev";
    private SpanExporter spanExporter;

    /** {@code service.name} as built: ours, unless {@code OTEL_SERVICE_NAME} or others override. */
    private final AtomicReference<String> effectiveServiceName = new AtomicReference<>();

    private Builder(String serviceName) {
      this.serviceName = serviceName;
    }

    /** {@code service.version} on the resource; {@code "dev"} by default. */
    public Builder serviceVersion(String serviceVersion) {
      this.serviceVersion = requireNonNull(serviceVersion, "serviceVersion");
      return this;
    }

    /**
     * Exports spans to {@code spanExporter} (an in-memory one in tests) instead of the exporter
     * that {@code OTEL_TRACES_EXPORTER} names; the batch processor in front of it is the same.
     */
    public Builder spanExporter(SpanExporter spanExporter) {
      this.spanExporter = requireNonNull(spanExporter, "spanExporter");
      return this;
    }

    /**
     * Builds the SDK: OTLP/HTTP trace export, W3C Trace Context (Level 2, see {@link
     * TraceContextPropagator}) and Baggage, {@code service.version} and a random {@code
     * service.instance.id} on the resource, baggage entries copied onto spans, and log lines copied
     * onto the current span as events. Metrics and logs export default to {@code none}, because
     * Jaeger takes traces only. The process's logging is left alone: {@link #autoconfigure}
     * connects it.
     */
    public OpenTelemetrySdk build() {
      effectiveServiceName.set(serviceName);
      SpanExportCounts exportCounts = new SpanExportCounts();
      return AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(this::defaults)
          .addSpanExporterCustomizer(
              (configured, config) -> exportCounts.count(replaced(configured)))
          .addPropagatorCustomizer((propagator, config) -> level2(propagator))
          .addTracerProviderCustomizer((traces, config) -> traces.addSpanProcessor(exportCounts))
          .addResourceCustomizer(
              (resource, config) -> {
                // Ours first, so that OTEL_RESOURCE_ATTRIBUTES still wins.
                Resource merged = defaultResource().merge(resource);
                String name = merged.getAttribute(ServiceAttributes.SERVICE_NAME);
                if (name != null) {
                  effectiveServiceName.set(name);
                }
                return merged;
              })
          .addLoggerProviderCustomizer(
              (logs, config) ->
                  logs.addLogRecordProcessor(new SpanEventLogProcessor())
                      .setLogLimits(fixed(logLimits(config))))
          // The server drains first, then closes the SDK.
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
    }

    private Map<String, String> defaults() {
      return Map.of(
          "otel.service.name", serviceName,
          "otel.propagators", DEFAULT_PROPAGATORS,
          "otel.traces.exporter", "otlp",
          // Jaeger's OTLP/HTTP port, 4318; the SDK's own default would be gRPC on 4317.
          "otel.exporter.otlp.protocol", "http/protobuf",
          "otel.metrics.exporter", "none",
          // Log records only become span events (SpanEventLogProcessor); none are exported.
          "otel.logs.exporter", "none",
          // Baggage reaching a service passed the entry point's allow-list: show it on spans.
          "otel.java.experimental.span-attributes.copy-from-baggage.include", "*");
    }

    /** {@code tracecontext}, wherever {@code OTEL_PROPAGATORS} names it, reads Level 2. */
    private static TextMapPropagator level2(TextMapPropagator configured) {
      return configured == W3CTraceContextPropagator.getInstance()
          ? TraceContextPropagator.getInstance()
          : configured;
    }

    /**
     * The log limits autoconfigure reads from {@code config}: {@code
     * otel.attribute.value.length.limit} and {@code otel.attribute.count.limit}. Autoconfigure
     * hands the logger provider a supplier that parses both properties again for every log record;
     * the configuration cannot change after the build, so we read them once.
     */
    private static LogLimits logLimits(ConfigProperties config) {
      LogLimitsBuilder limits = LogLimits.builder();
      Integer valueLength = config.getInt("otel.attribute.value.length.limit");
      if (valueLength != null) {
        limits.setMaxAttributeValueLength(valueLength);
      }
      Integer count = config.getInt("otel.attribute.count.limit");
      if (count != null) {
        limits.setMaxNumberOfAttributes(count);
      }
      return limits.build();
    }

    private static Supplier<LogLimits> fixed(LogLimits limits) {
      return () -> limits;
    }

    /** The exporter to use in place of {@code configured}, which is then shut down unused. */
    private SpanExporter replaced(SpanExporter configured) {
      if (spanExporter == null) {
        return configured;
      }
      configured.shutdown();
      return spanExporter;
    }

    private Resource defaultResource() {
      return Resource.create(
          Attributes.of(
              ServiceAttributes.SERVICE_VERSION,
              serviceVersion,
              ServiceAttributes.SERVICE_INSTANCE_ID,
              UUID.randomUUID().toString()));
    }
  }
}
