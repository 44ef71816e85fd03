package dev.traced.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Code supplies defaults; the standard OTEL_* settings (here as system properties) win. */
class TelemetrySdkTest {

  private static final Map<String, String> SETTINGS =
      Map.of(
          "otel.traces.exporter", "none",
          "otel.service.name", "",
          "otel.resource.attributes", "",
          "otel.attribute.value.length.limit", "",
          "otel.attribute.count.limit", "",
          "otel.propagators", "");

  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  @BeforeEach
  void exportNothing() {
    System.setProperty("otel.traces.exporter", "none");
  }

  @AfterEach
  void clearSettings() {
    SETTINGS.keySet().forEach(System::clearProperty);
  }

  @Test
  void suppliesServiceResourceAndW3cPropagatorsByDefault() {
    try (OpenTelemetrySdk sdk = TelemetrySdk.autoconfigure("order-service", "1.2.3")) {
      Resource resource = resourceOf(sdk);

      assertThat(resource.getAttribute(ServiceAttributes.SERVICE_NAME)).isEqualTo("order-service");
      assertThat(resource.getAttribute(ServiceAttributes.SERVICE_VERSION)).isEqualTo("1.2.3");
      assertThat(resource.getAttribute(ServiceAttributes.SERVICE_INSTANCE_ID)).hasSize(36);
      assertThat(sdk.getPropagators().getTextMapPropagator().fields())
          .contains("traceparent", "tracestate", "baggage");
    }
  }

  @Test
  void tracecontextReadsTracestateByLevel2RulesWhereverItIsConfigured() {
    System.setProperty("otel.propagators", "baggage,tracecontext");
    Map<String, String> headers =
        Map.of(
            "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "tracestate", "foo@@bar=1,foo@@bar=2");

    try (OpenTelemetrySdk sdk = TelemetrySdk.autoconfigure("order-service", "1.2.3")) {
      Context caller =
          sdk.getPropagators().getTextMapPropagator().extract(Context.root(), headers, MAP);

      // OpenTelemetry's own propagator would drop this list whole: '@' twice, a duplicated key.
      assertThat(Span.fromContext(caller).getSpanContext().getTraceState().asMap())
          .containsExactly(entry("foo@@bar", "1"));
    }
  }

  @Test
  void standardSettingsOverrideTheDefaults() {
    System.setProperty("otel.service.name", "renamed");
    System.setProperty(
        "otel.resource.attributes", "service.version=9.9,deployment.environment.name=ci");

    try (OpenTelemetrySdk sdk = TelemetrySdk.autoconfigure("order-service", "1.2.3")) {
      Resource resource = resourceOf(sdk);

      assertThat(resource.getAttribute(ServiceAttributes.SERVICE_NAME)).isEqualTo("renamed");
      assertThat(resource.getAttribute(ServiceAttributes.SERVICE_VERSION)).isEqualTo("9.9");
    }
  }

  @Test
  void logRecordsKeepTheStandardAttributeLimits() {
    System.setProperty("otel.attribute.value.length.limit", "7");
    System.setProperty("otel.attribute.count.limit", "9");

    try (OpenTelemetrySdk sdk = TelemetrySdk.autoconfigure("order-service", "1.2.3")) {
      // The limits are read once at build; SdkLoggerProvider shows the ones in force.
      assertThat(sdk.getSdkLoggerProvider().toString())
          .contains("logLimits=LogLimits{maxNumberOfAttributes=9, maxAttributeValueLength=7}");
    }
  }

  private static Resource resourceOf(OpenTelemetrySdk sdk) {
    Span span = sdk.getTracer("test").spanBuilder("probe").startSpan();
    span.end();
    return ((ReadableSpan) span).toSpanData().getResource();
  }
}
