package dev.traced.telemetry.javalin;

import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Tells the {@code Instrumenter} of {@link TracedRejections} what it needs from a request that
 * Jetty rejected before any servlet saw it. Only what is true of every such request is told: the
 * method Jetty read and the status. Not the path: where Jetty could not read the target it puts a
 * placeholder such as {@code /badMessage} in its place, which is no path the client sent.
 */
enum JettyRejectionAttributesGetter implements HttpServerAttributesGetter<Request, Response> {
  INSTANCE;

  @Override
  public String getHttpRequestMethod(Request request) {
    return request.getMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(Request request, String name) {
    return request.getHeaders().getValuesList(name);
  }

  @Override
  public Integer getHttpResponseStatusCode(Request request, Response response, Throwable error) {
    return response == null ? null : response.getStatus();
  }

  @Override
  public List<String> getHttpResponseHeader(Request request, Response response, String name) {
    return response.getHeaders().getValuesList(name);
  }

  @Override
  public String getUrlScheme(Request request) {
    return request.isSecure() ? "https" : "http";
  }

  @Override
  public String getUrlPath(Request request) {
    return null;
  }

  @Override
  public String getUrlQuery(Request request) {
    return null;
  }
}
