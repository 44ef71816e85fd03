package dev.traced.telemetry.javalin;

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
  private final InboundBaggage inboundBaggage;

  TracingFilter(
      Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter,
      Set<String> untracedPaths,
      boolean traceResponseHeader,
      InboundBaggage inboundBaggage) {
    this.instrumenter = instrumenter;
    this.untracedPaths = Set.copyOf(untracedPaths);
    this.traceResponseHeader = traceResponseHeader;
    this.inboundBaggage = inboundBaggage;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Context parent = Context.current();
    if (isUntraced(request.getRequestURI()) || !instrumenter.shouldStart(parent, request)) {
      chain.doFilter(request, response);
      return;
    }
    if (!inboundBaggage.isPassThrough()) {
      request.setAttribute(
          ServletRequestAttributes.EFFECTIVE_BAGGAGE, inboundBaggage.effectiveHeader(request));
    }

    Context context = instrumenter.start(parent, request);
    // Should the chain fail past Javalin, Jetty's error handler answers within this trace.
    request.setAttribute(ServerSpans.CONTEXT_ATTRIBUTE, context);
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

  /** Exact paths, prefixes written as {@code "/demo/*"}, suffixes written as {@code "*.js"}. */
  private boolean isUntraced(String path) {
    for (String untraced : untracedPaths) {
      boolean matches;
      if (untraced.endsWith("/*")) {
        matches = path.startsWith(untraced.substring(0, untraced.length() - 1));
      } else if (untraced.startsWith("*")) {
        matches = path.endsWith(untraced.substring(1));
      } else {
        matches = path.equals(untraced);
      }
      if (matches) {
        return true;
      }
    }
    return false;
  }

  private static void writeTraceResponse(SpanContext span, HttpServletResponse response) {
    if (span.isValid()) {
      response.setHeader(
          TRACERESPONSE_HEADER,
          "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }
  }
}
