package dev.traced.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;

/** HTTP metrics are recorded when a metric reader takes them, and skipped when none does. */
class OperationMetricsTest {

  @Test
  void theDefaultSdkRecordsNoMetrics() {
    try (OpenTelemetrySdk sdk =
        TelemetrySdk.builder("test").spanExporter(InMemorySpanExporter.create()).build()) {
      assertThat(OperationMetrics.recorded(sdk, "test")).isFalse();
    }
  }

  @Test
  void anSdkWithAMetricReaderRecordsThem() {
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setMeterProvider(
                SdkMeterProvider.builder()
                    .registerMetricReader(InMemoryMetricReader.create())
                    .build())
            .build()) {
      assertThat(OperationMetrics.recorded(sdk, "test")).isTrue();
    }
  }
}
