package dev.traced.telemetry.javalin;

import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Tells the OpenTelemetry {@code Instrumenter} what it needs from a servlet request and response;
 * the instrumentation API turns these answers into semantic-convention attribute names.
 */
enum ServletHttpAttributesGetter
    implements HttpServerAttributesGetter<HttpServletRequest, HttpServletResponse> {
  INSTANCE;

  @Override
  public String getHttpRequestMethod(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(HttpServletRequest request, String name) {
    Enumeration<String> lines = request.getHeaders(name);
    // Most headers asked for (forwarded, x-forwarded-*) are absent: no list to allocate then.
    return lines == null || !lines.hasMoreElements() ? List.of() : Collections.list(lines);
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
}
