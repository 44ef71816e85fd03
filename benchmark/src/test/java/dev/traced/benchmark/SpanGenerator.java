package dev.traced.benchmark;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Synthetic traces sent straight to the collectors at a set rate, over OTLP/HTTP protobuf as the
 * services' SDKs send them (the SDK's own exporter), so that the pipeline, not the services, is
 * what runs out of CPU first. Each trace has the shape of a created order: {@value
 * #SPANS_PER_TRACE} spans with HTTP and database attributes, status unset, so that the tail sampler
 * keeps a tenth of them. Counts the spans the collectors accepted (2xx) and refused.
 */
final class SpanGenerator implements AutoCloseable {

  static final int SPANS_PER_TRACE = 7;

  /** Traces per OTLP request: {@value}, 350 spans, within the SDK's batch of 512. */
  static final int TRACES_PER_REQUEST = 50;

  /** Requests in flight at once; beyond that the generator falls behind its rate, visibly. */
  private static final int IN_FLIGHT = 32;

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  private static final AttributeKey<String> STATEMENT = AttributeKey.stringKey("db.statement");

  /** What one run sent: spans per second achieved, spans accepted and refused by collectors. */
  record Sent(double seconds, long accepted, long refused) {
    double rate() {
      return (accepted + refused) / seconds;
    }
  }

  private final List<OtlpHttpSpanExporter> exporters = new ArrayList<>();

  /** Every span the generator ended since the last request was put together. */
  private final InMemorySpanExporter made = InMemorySpanExporter.create();

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  /** Sends to each of {@code collectors} (OTLP/HTTP base URLs) in turn. */
  SpanGenerator(List<URI> collectors) {
    for (URI collector : collectors) {
      exporters.add(
          OtlpHttpSpanExporter.builder()
              .setEndpoint(collector.resolve("/v1/traces").toString())
              .setTimeout(Duration.ofSeconds(10))
              // A refusal is counted, not tried again: the generator measures, it does not cope.
              .setRetryPolicy(null)
              .build());
    }
    provider =
        SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(serviceName())))
            .addSpanProcessor(SimpleSpanProcessor.create(made))
            .build();
    tracer = provider.get("span-generator");
  }

  /** Sends {@code spansPerSecond} for {@code duration}, then waits for the last answers. */
  Sent run(double spansPerSecond, Duration duration) {
    long interval = (long) (1e9 * SPANS_PER_TRACE * TRACES_PER_REQUEST / spansPerSecond);
    Semaphore slots = new Semaphore(IN_FLIGHT);
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (long request = 0; ; request++) {
      long due = start + request * interval;
      if (due >= end) {
        break;
      }
      // Pacing to the rate, not waiting for a fact.
      LockSupport.parkNanos(due - System.nanoTime());
      List<SpanData> batch = traces(TRACES_PER_REQUEST);
      slots.acquireUninterruptibly();
      CompletableResultCode result =
          exporters.get((int) (request % exporters.size())).export(batch);
      result.whenComplete(
          () -> {
            (result.isSuccess() ? accepted : refused).addAndGet(batch.size());
            slots.release();
          });
    }
    slots.acquireUninterruptibly(IN_FLIGHT);
    slots.release(IN_FLIGHT);
    // The last request leaves up to one interval before the end: the step lasted its duration.
    double seconds = Math.max(duration.toNanos(), System.nanoTime() - start) / 1e9;
    return new Sent(seconds, accepted.get(), refused.get());
  }

  /** {@code count} new traces of {@value #SPANS_PER_TRACE} spans each, ended a moment ago. */
  private List<SpanData> traces(int count) {
    made.reset();
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    for (int i = 0; i < count; i++) {
      Span gateway = server("POST /api/orders", "/api/orders", Context.root(), now - 9_000_000);
      Span toAuth = client(gateway, now - 8_500_000);
      Span auth = server("POST /orders", "/orders", Context.root().with(toAuth), now - 8_000_000);
      Span toOrder = client(auth, now - 7_500_000);
      Span order = server("POST /orders", "/orders", Context.root().with(toOrder), now - 7_000_000);
      database(order, "SELECT id, user_id, item FROM orders WHERE idempotency_key = ?", now);
      database(order, "INSERT INTO orders (user_id, item, quantity) VALUES (?, ?, ?)", now);
      for (Span span : List.of(order, toOrder, auth, toAuth, gateway)) {
        span.end(now, TimeUnit.NANOSECONDS);
      }
    }
    return made.getFinishedSpanItems();
  }

  private Span server(String name, String route, Context parent, long start) {
    return tracer
        .spanBuilder(name)
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAttribute(METHOD, "POST")
        .setAttribute(ROUTE, route)
        .setAttribute(STATUS, 201L)
        .startSpan();
  }

  private Span client(Span parent, long start) {
    return tracer
        .spanBuilder("POST")
        .setParent(Context.root().with(parent))
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAttribute(METHOD, "POST")
        .setAttribute(STATUS, 201L)
        .startSpan();
  }

  private void database(Span parent, String statement, long now) {
    tracer
        .spanBuilder(statement.substring(0, statement.indexOf(' ')) + " orders")
        .setParent(Context.root().with(parent))
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(now - 3_000_000, TimeUnit.NANOSECONDS)
        .setAttribute(DB_SYSTEM, "h2")
        .setAttribute(STATEMENT, statement)
        .startSpan()
        .end(now - 1_000_000, TimeUnit.NANOSECONDS);
  }

  private static Attributes serviceName() {
    return Attributes.of(AttributeKey.stringKey("service.name"), "span-generator");
  }

  @Override
  public void close() {
    provider.close();
    exporters.forEach(OtlpHttpSpanExporter::close);
  }
}
