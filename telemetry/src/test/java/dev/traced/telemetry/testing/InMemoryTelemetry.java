package dev.traced.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.traced.telemetry.JsonLogs;
import dev.traced.telemetry.TelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * For tests: the SDK that {@link TelemetrySdk} builds for production (same propagators, same
 * processors: baggage onto spans, log lines as span events, export counts, the batch processor)
 * with an in-memory exporter in place of OTLP, and log lines on spans as in production. Shared with
 * the services' tests through this module's test jar.
 */
public final class InMemoryTelemetry implements AutoCloseable {

  /** The longest a test waits for a span to end: 10 seconds. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk;

  private InMemoryTelemetry(String serviceName) {
    sdk = TelemetrySdk.builder(serviceName).spanExporter(exporter).build();
    // Log lines become span events, as in production. The hook is process-wide: with several
    // services in one JVM the last one holds it, and the events still land on the span current
    // where each line was logged.
    JsonLogs.sendToSpans(sdk);
  }

  /** Telemetry of a service called {@code serviceName}. */
  public static InMemoryTelemetry create(String serviceName) {
    return new InMemoryTelemetry(serviceName);
  }

  /** The SDK to hand to the code under test. */
  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  /**
   * Every span ended so far: the batch processor is flushed first, so a span that is not here has
   * not ended. That is how a test proves a span absent, not by waiting a while.
   */
  public List<SpanData> spans() {
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    return exporter.getFinishedSpanItems();
  }

  /**
   * The spans once {@code count} have ended, waiting up to {@link #DEADLINE} for them: a server
   * span ends after its response is written, so a test may see the response first. Fails when fewer
   * or more have ended.
   */
  public List<SpanData> awaitSpans(int count) {
    List<SpanData> ended =
        await("%d spans ended".formatted(count))
            .atMost(DEADLINE)
            .pollInterval(Duration.ofMillis(10))
            .until(this::spans, spans -> spans.size() >= count);
    assertThat(ended).as("spans ended").hasSize(count);
    return ended;
  }

  /** The first ended span that matches {@code what}, waiting up to {@link #DEADLINE} for it. */
  public SpanData awaitSpan(String description, Predicate<SpanData> what) {
    return await(description)
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> spans().stream().filter(what).findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  /** Forgets the spans exported so far. */
  public void reset() {
    spans();
    exporter.reset();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
