package dev.traced.telemetry.javalin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A servlet request for microbenchmarks: answers what the tracing reads (method, path, headers,
 * attributes, connection) from fields, cheaply; anything else throws, so a new read shows up at
 * once instead of measuring a default.
 */
final class StandInRequest extends HttpServletRequestWrapper {

  private final String method;
  private final String path;
  private final List<String> headerNames;
  private final Map<String, List<String>> headers = new HashMap<>();
  private final Map<String, Object> attributes = new HashMap<>();

  /** A request with {@code headers}, one line each, names matched ignoring case as HTTP does. */
  StandInRequest(String method, String path, Map<String, String> headers) {
    super(unsupported());
    this.method = method;
    this.path = path;
    this.headerNames = List.copyOf(headers.keySet());
    headers.forEach(
        (name, value) -> this.headers.put(name.toLowerCase(Locale.ROOT), List.of(value)));
  }

  private static HttpServletRequest unsupported() {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            StandInRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, called, args) -> {
              throw new UnsupportedOperationException("stand-in request: " + called.getName());
            });
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getRequestURI() {
    return path;
  }

  @Override
  public String getQueryString() {
    return null;
  }

  @Override
  public String getScheme() {
    return "http";
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public String getRemoteAddr() {
    return "10.0.0.7";
  }

  @Override
  public int getRemotePort() {
    return 51234;
  }

  @Override
  public String getHeader(String name) {
    List<String> lines = lines(name);
    return lines == null ? null : lines.get(0);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    List<String> lines = lines(name);
    return lines == null ? Collections.emptyEnumeration() : Collections.enumeration(lines);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(headerNames);
  }

  private List<String> lines(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }
}
