package dev.traced.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml: one JSON object per line, with the current trace, span and baggage. */
class JsonLogsTest {

  private static final Logger log = LoggerFactory.getLogger(JsonLogsTest.class);

  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build();

  @BeforeEach
  void captureStdout() {
    // logback's console appender looks up System.out on every write.
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    JsonLogs.setServiceName("test-service");
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(originalOut);
    sdk.close();
  }

  @Test
  void aLineCarriesTheCurrentTraceSpanBaggageAndServiceName() throws Exception {
    Span span = sdk.getTracer("test").spanBuilder("work").startSpan();
    Context context =
        Context.current().with(span).with(Baggage.builder().put("tenant", "acme").build());
    try (Scope ignored = context.makeCurrent()) {
      log.info("order stored");
    } finally {
      span.end();
    }

    JsonNode line = onlyLine();
    assertThat(line.get("message").asText()).isEqualTo("order stored");
    assertThat(line.get("trace_id").asText()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(line.get("span_id").asText()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(line.get("trace_flags").asText())
        .isEqualTo(span.getSpanContext().getTraceFlags().asHex());
    assertThat(line.get("baggage.tenant").asText()).isEqualTo("acme");
    assertThat(line.get("service.name").asText()).isEqualTo("test-service");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
  }

  @Test
  void aLineOutsideAnySpanHasNoTraceFields() throws Exception {
    log.info("starting");

    JsonNode line = onlyLine();
    assertThat(line.has("trace_id")).isFalse();
    assertThat(line.has("span_id")).isFalse();
  }

  @Test
  void aMultiLineMessageAndAStackTraceStayInOneLine() throws Exception {
    log.error(
        "first line\nsecond line \"quoted\" {\"fake\":\"json\"}",
        new IllegalStateException("boom"));

    JsonNode line = onlyLine();
    assertThat(line.get("message").asText())
        .isEqualTo("first line\nsecond line \"quoted\" {\"fake\":\"json\"}");
    assertThat(line.get("stack_trace").asText())
        .contains("java.lang.IllegalStateException: boom", "JsonLogsTest");
  }

  @Test
  void javaUtilLoggingRecordsBecomeJsonLinesToo() throws Exception {
    JsonLogs.routeJavaUtilLogging();
    java.util.logging.Logger exporterLog =
        java.util.logging.Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter");

    exporterLog.warning("Failed to export spans.\nConnection refused");

    JsonNode line = onlyLine();
    assertThat(line.get("message").asText())
        .isEqualTo("Failed to export spans.\nConnection refused");
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("logger_name").asText())
        .isEqualTo("io.opentelemetry.exporter.internal.http.HttpExporter");
  }

  private JsonNode onlyLine() throws Exception {
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    return new ObjectMapper().readTree(lines.get(0));
  }
}
