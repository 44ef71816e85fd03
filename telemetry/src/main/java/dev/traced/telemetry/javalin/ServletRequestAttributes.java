package dev.traced.telemetry.javalin;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Tells the OpenTelemetry {@code Instrumenter} what it needs from a servlet request and response;
 * the instrumentation API turns these answers into semantic-convention attribute names.
 */
enum ServletRequestAttributes
    implements HttpServerAttributesGetter<HttpServletRequest, HttpServletResponse>,
        TextMapGetter<HttpServletRequest> {
  INSTANCE;

  /**
   * Request attribute holding the {@code baggage} header as {@link InboundBaggage} rewrote it;
   * propagation reads it instead of the header the caller sent.
   */
  static final String EFFECTIVE_BAGGAGE = ServletRequestAttributes.class.getName() + ".baggage";

  private static final String BAGGAGE = "baggage";
  private static final String TRACESTATE = "tracestate";

  @Override
  public String getHttpRequestMethod(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(HttpServletRequest request, String name) {
    return Collections.list(request.getHeaders(name));
  }

  @Override
  public Integer getHttpResponseStatusCode(
      HttpServletRequest request, HttpServletResponse response, Throwable error) {
    return response == null ? null : response.getStatus();
  }

  @Override
  public List<String> getHttpResponseHeader(
      HttpServletRequest request, HttpServletResponse response, String name) {
    return new ArrayList<>(response.getHeaders(name));
  }

  @Override
  public String getUrlScheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String getUrlPath(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @Override
  public String getUrlQuery(HttpServletRequest request) {
    return request.getQueryString();
  }

  @Override
  public String getNetworkProtocolName(HttpServletRequest request, HttpServletResponse response) {
    return "http";
  }

  @Override
  public String getNetworkProtocolVersion(
      HttpServletRequest request, HttpServletResponse response) {
    String protocol = request.getProtocol(); // "HTTP/1.1"
    return protocol != null && protocol.startsWith("HTTP/") ? protocol.substring(5) : null;
  }

  @Override
  public String getNetworkPeerAddress(HttpServletRequest request, HttpServletResponse response) {
    return request.getRemoteAddr();
  }

  @Override
  public Integer getNetworkPeerPort(HttpServletRequest request, HttpServletResponse response) {
    return request.getRemotePort();
  }

  // Propagation: the W3C headers are read from the request the same way.

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    return Collections.list(request.getHeaderNames());
  }

  /**
   * The header {@code key} as one value: several lines are combined as RFC 9110 says (see {@link
   * CombinedHeader}), so two {@code traceparent} lines are invalid and start a new trace, and
   * several {@code tracestate} lines make one list.
   */
  @Override
  public String get(HttpServletRequest request, String key) {
    if (request == null) {
      return null;
    }
    Object rewritten = BAGGAGE.equals(key) ? request.getAttribute(EFFECTIVE_BAGGAGE) : null;
    if (rewritten != null) {
      return (String) rewritten;
    }
    String value = CombinedHeader.of(request, key);
    return value != null && TRACESTATE.equals(key)
        ? CombinedHeader.withoutEmptyMembers(value)
        : value;
  }

  /**
   * Each line of header {@code key} on its own. OpenTelemetry's W3C baggage propagator reads
   * {@code baggage} this way and applies the W3C Baggage limits across the lines.
   */
  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    if (request == null) {
      return Collections.emptyIterator();
    }
    Object rewritten = BAGGAGE.equals(key) ? request.getAttribute(EFFECTIVE_BAGGAGE) : null;
    return rewritten != null
        ? List.of((String) rewritten).iterator()
        : request.getHeaders(key).asIterator();
  }
}
