package dev.traced.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines reach the span that was current, through the shipped logback.xml, the logs bridge and
 * {@link SpanEventLogProcessor} (the build runs tests with LOG_SPAN_EVENTS_LEVEL=INFO).
 */
class SpanEventLogProcessorTest {

  private static final Logger log = LoggerFactory.getLogger(SpanEventLogProcessorTest.class);

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .setLoggerProvider(
              SdkLoggerProvider.builder()
                  .addLogRecordProcessor(new SpanEventLogProcessor())
                  .build())
          .build();

  @BeforeEach
  void connectLogback() {
    JsonLogs.sendToSpans(sdk);
  }

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void aLogLineBecomesAnEventOfTheCurrentSpanWithItsLevelAndLogger() {
    Span span = sdk.getTracer("test").spanBuilder("store order").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      log.info("order stored: id={}", 42);
      log.warn("slow query");
    } finally {
      span.end();
    }
    log.info("outside any span");

    List<EventData> events = onlySpan().getEvents();
    assertThat(events)
        .extracting(EventData::getName)
        .containsExactly("order stored: id=42", "slow query");
    assertThat(events.get(0).getAttributes().get(SpanEventLogProcessor.LEVEL)).isEqualTo("INFO");
    assertThat(events.get(1).getAttributes().get(SpanEventLogProcessor.LEVEL)).isEqualTo("WARN");
    assertThat(events.get(0).getAttributes().get(SpanEventLogProcessor.LOGGER))
        .isEqualTo(SpanEventLogProcessorTest.class.getName());
  }

  private SpanData onlySpan() {
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    return spans.getFinishedSpanItems().get(0);
  }
}
