package dev.traced.telemetry.javalin;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Wraps every request on Jetty's request thread: opens the SERVER span before Javalin routes the
 * request, keeps its {@link Context} current for the whole handler, and ends it after the
 * response is written.
 */
final class TracingFilter implements Filter {

  /** W3C Trace Context Level 2 response header that tells a client its trace id. */
  static final String TRACERESPONSE_HEADER = "traceresponse";

  private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;
  private final Set<String> untracedPaths;
  private final boolean traceResponseHeader;
  private final Set<String> baggageAllowList;

  TracingFilter(
      Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter,
      Set<String> untracedPaths,
      boolean traceResponseHeader,
      Set<String> baggageAllowList) {
    this.instrumenter = instrumenter;
    this.untracedPaths = Set.copyOf(untracedPaths);
    this.traceResponseHeader = traceResponseHeader;
    this.baggageAllowList = baggageAllowList == null ? null : Set.copyOf(baggageAllowList);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Context parent = Context.current();
    if (untracedPaths.contains(request.getRequestURI())
        || !instrumenter.shouldStart(parent, request)) {
      chain.doFilter(request, response);
      return;
    }

    Context context = keepAllowedBaggage(instrumenter.start(parent, request));
    Throwable error = null;
    try (Scope ignored = context.makeCurrent()) {
      if (traceResponseHeader) {
        writeTraceResponse(Span.fromContext(context).getSpanContext(), response);
      }
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      error = e;
      throw e;
    } finally {
      if (error == null) {
        error = (Throwable) request.getAttribute(ServerSpans.ERROR_ATTRIBUTE);
      }
      instrumenter.end(context, request, response, error);
    }
  }

  /** Drops inbound baggage entries whose keys are not allowed; {@code null} keeps them all. */
  private Context keepAllowedBaggage(Context context) {
    if (baggageAllowList == null) {
      return context;
    }
    BaggageBuilder allowed = Baggage.empty().toBuilder();
    Baggage.fromContext(context)
        .forEach(
            (key, entry) -> {
              if (baggageAllowList.contains(key)) {
                allowed.put(key, entry.getValue(), entry.getMetadata());
              }
            });
    return context.with(allowed.build());
  }

  private static void writeTraceResponse(SpanContext span, HttpServletResponse response) {
    if (span.isValid()) {
      response.setHeader(
          TRACERESPONSE_HEADER,
          "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }
  }
}
