package dev.traced.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts sampled spans from their end to their export, and logs the tally when the exporter shuts
 * down: {@code dropped} is what ended but never reached the exporter, the SDK's own loss (its batch
 * queue was full). A benchmark compares it with what Jaeger holds.
 */
final class SpanExportCounts implements SpanProcessor {

  private static final Logger log = LoggerFactory.getLogger(SpanExportCounts.class);

  private final LongAdder ended = new LongAdder();
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (span.getSpanContext().isSampled()) {
      ended.increment();
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** {@code exporter}, counting what it exports and what fails. */
  SpanExporter count(SpanExporter exporter) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = exporter.export(spans);
        result.whenComplete(() -> (result.isSuccess() ? exported : failed).add(spans.size()));
        return result;
      }

      @Override
      public CompletableResultCode flush() {
        return exporter.flush();
      }

      /** The batch processor shuts its exporter down after its last export: the tally is final. */
      @Override
      public CompletableResultCode shutdown() {
        CompletableResultCode result = exporter.shutdown();
        result.whenComplete(SpanExportCounts.this::logTally);
        return result;
      }
    };
  }

  private void logTally() {
    long dropped = ended.sum() - exported.sum() - failed.sum();
    log.info(
        "span export: ended={} exported={} failed={} dropped={}",
        ended.sum(),
        exported.sum(),
        failed.sum(),
        dropped);
  }
}
