package dev.traced.telemetry.javalin;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Wraps every request on Jetty's request thread: opens the SERVER span before Javalin routes the
 * request, keeps its {@link Context} current for the whole handler, and ends it once the response
 * is complete: when the chain returns, or, for an asynchronous request (Javalin's {@code
 * ctx.future(...)}), when the async work completes ({@link EndOnAsyncComplete}).
 *
 * <p>An exception that Javalin's exception handling caught never reaches this filter; the handler
 * records it under the servlet's {@link RequestDispatcher#ERROR_EXCEPTION} attribute, where it is
 * read when the span ends.
 */
final class TracingFilter implements Filter {

  /** W3C Trace Context Level 2 response header that tells a client its trace id. */
  static final String TRACERESPONSE_HEADER = "traceresponse";

  private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;
  private final InboundContext inbound;
  private final UntracedPaths untracedPaths;
  private final boolean traceResponseHeader;

  TracingFilter(
      Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter,
      InboundContext inbound,
      UntracedPaths untracedPaths,
      boolean traceResponseHeader) {
    this.instrumenter = instrumenter;
    this.inbound = inbound;
    this.untracedPaths = untracedPaths;
    this.traceResponseHeader = traceResponseHeader;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (untracedPaths.contains(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    Context parent = inbound.parentOf(request);
    if (!instrumenter.shouldStart(parent, request)) {
      chain.doFilter(request, response);
      return;
    }
    Context context = instrumenter.start(parent, request);
    // Should the chain fail past Javalin, Jetty's error handler answers within this trace.
    new TracedRequest(context).attachTo(request);
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
      if (error == null && request.isAsyncStarted()) {
        // The response is not complete yet: the listener ends the span when it is.
        request
            .getAsyncContext()
            .addListener(
                new EndOnAsyncComplete(failure -> end(context, request, response, failure)));
      } else {
        end(context, request, response, error);
      }
    }
  }

  /** Ends the SERVER span of {@code request}, failed by {@code error} or by what Javalin caught. */
  private void end(
      Context context, HttpServletRequest request, HttpServletResponse response, Throwable error) {
    Object caught = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (error == null && caught instanceof Throwable handled) {
      error = handled;
    }
    instrumenter.end(context, request, response, error);
  }

  private static void writeTraceResponse(SpanContext span, HttpServletResponse response) {
    if (span.isValid()) {
      response.setHeader(
          TRACERESPONSE_HEADER,
          "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }
  }
}
