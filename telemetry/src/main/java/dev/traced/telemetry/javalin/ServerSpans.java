package dev.traced.telemetry.javalin;

import dev.traced.telemetry.OperationMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.InstrumenterBuilder;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Builds the {@link Instrumenter}s that make one SERVER span per HTTP request: one for requests
 * that reach the servlet, one for requests that Jetty rejects before.
 *
 * <p>Both take the parent context they are given and read no headers themselves: {@link
 * InboundContext} decides the parent of a request, and a rejected request has none.
 */
final class ServerSpans {

  /** The instrumentation scope name under which our server spans appear: {@value}. */
  static final String INSTRUMENTATION_NAME = "dev.traced.telemetry.javalin";

  private ServerSpans() {}

  /** SERVER spans of requests that reach the servlet, linked as {@code inbound} says. */
  static Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter(
      OpenTelemetry openTelemetry, InboundContext inbound) {
    ServletHttpAttributesGetter getter = ServletHttpAttributesGetter.INSTANCE;
    return builder(openTelemetry, getter)
        // Lets the route found later by Javalin rename the span to "{method} {route}".
        .addContextCustomizer(HttpServerRoute.create(getter))
        .addSpanLinksExtractor(inbound)
        .buildInstrumenter(SpanKindExtractor.alwaysServer());
  }

  /** SERVER spans of {@link TracedRejections}: each a root (see there why). */
  static Instrumenter<Request, Response> rejectionInstrumenter(OpenTelemetry openTelemetry) {
    return builder(openTelemetry, JettyRejectionAttributesGetter.INSTANCE)
        .buildInstrumenter(SpanKindExtractor.alwaysServer());
  }

  private static <Q, R> InstrumenterBuilder<Q, R> builder(
      OpenTelemetry openTelemetry, HttpServerAttributesGetter<Q, R> getter) {
    InstrumenterBuilder<Q, R> builder =
        Instrumenter.<Q, R>builder(
                openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
            .addAttributesExtractor(HttpServerAttributesExtractor.create(getter));
    if (OperationMetrics.recorded(openTelemetry, INSTRUMENTATION_NAME)) {
      builder.addOperationMetrics(HttpServerMetrics.get());
    }
    return builder;
  }
}
