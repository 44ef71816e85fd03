package dev.traced.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import java.util.concurrent.TimeUnit;

/**
 * Puts each log record on the span that was current when it was logged, as a span event with its
 * level and logger, so Jaeger's span detail shows the service's log lines for that request.
 *
 * <p>Records reach it through the logs bridge: logback's OpenTelemetry appender (with a level
 * threshold, see {@code logback.xml}) hands every event to the SDK's logger provider, which calls
 * this processor with the context of the logging thread. Records logged outside any span are left
 * alone.
 */
public final class SpanEventLogProcessor implements LogRecordProcessor {

  /** The log level, on each event: {@value}. */
  public static final AttributeKey<String> LEVEL = AttributeKey.stringKey("level");

  /** The logger that wrote the line, on each event: {@value}. */
  public static final AttributeKey<String> LOGGER = AttributeKey.stringKey("logger");

  @Override
  public void onEmit(Context context, ReadWriteLogRecord record) {
    Span span = Span.fromContext(context);
    if (!span.isRecording()) {
      return;
    }
    Value<?> body = record.getBodyValue();
    AttributesBuilder attributes =
        Attributes.builder()
            .putAll(record.getAttributes())
            .put(LEVEL, record.getSeverityText())
            .put(LOGGER, record.getInstrumentationScopeInfo().getName());
    long timestamp =
        record.getTimestampEpochNanos() != 0
            ? record.getTimestampEpochNanos()
            : record.getObservedTimestampEpochNanos();
    span.addEvent(
        body == null ? "" : body.asString(), attributes.build(), timestamp, TimeUnit.NANOSECONDS);
  }
}
