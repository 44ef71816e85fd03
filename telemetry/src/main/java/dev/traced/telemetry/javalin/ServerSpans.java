package dev.traced.telemetry.javalin;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.InstrumenterBuilder;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
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
 */
final class ServerSpans {

  /** The instrumentation scope name under which our server spans appear: {@value}. */
  static final String INSTRUMENTATION_NAME = "dev.traced.telemetry.javalin";

  /** Request attribute under which an exception that Javalin handled waits for the span's end. */
  static final String ERROR_ATTRIBUTE = ServerSpans.class.getName() + ".error";

  /** Request attribute holding the {@code Context} of the request's SERVER span, once started. */
  static final String CONTEXT_ATTRIBUTE = ServerSpans.class.getName() + ".context";

  private ServerSpans() {}

  /**
   * The instrumenter of {@code openTelemetry}'s SERVER spans. With {@link
   * InboundTraceContext#RESTART} the parent is extracted from the request with the caller's trace
   * context hidden, and the span links to that context instead.
   */
  static Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter(
      OpenTelemetry openTelemetry, InboundTraceContext inboundTraceContext) {
    ServletRequestAttributes getter = ServletRequestAttributes.INSTANCE;
    InstrumenterBuilder<HttpServletRequest, HttpServletResponse> builder =
        Instrumenter.<HttpServletRequest, HttpServletResponse>builder(
                openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
            .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
            // Lets the route found later by Javalin rename the span to "{method} {route}".
            .addContextCustomizer(HttpServerRoute.create(getter))
            .addOperationMetrics(HttpServerMetrics.get());
    TextMapPropagator propagator = openTelemetry.getPropagators().getTextMapPropagator();
    return switch (inboundTraceContext) {
      case CONTINUE -> builder.buildServerInstrumenter(getter);
      case RESTART ->
          builder
              .addSpanLinksExtractor(new CallerSpanLink(propagator, getter))
              .buildServerInstrumenter(WithoutCallerTraceContext.of(getter, propagator));
    };
  }

  /**
   * The instrumenter of {@link TracedRejections}: a root SERVER span, never a parent read from the
   * request (see there why).
   */
  static Instrumenter<Request, Response> rejectionInstrumenter(OpenTelemetry openTelemetry) {
    JettyRequestAttributes getter = JettyRequestAttributes.INSTANCE;
    return Instrumenter.<Request, Response>builder(
            openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
        .addOperationMetrics(HttpServerMetrics.get())
        .buildInstrumenter(SpanKindExtractor.alwaysServer());
  }

  /**
   * Remembers {@code error} for the SERVER span of {@code request}. Javalin turns an uncaught
   * handler exception into a response itself, so the servlet filter never sees it thrown.
   */
  static void recordError(HttpServletRequest request, Throwable error) {
    request.setAttribute(ERROR_ATTRIBUTE, error);
  }
}
