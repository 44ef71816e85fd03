package dev.traced.telemetry.http;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Tells the OpenTelemetry {@code Instrumenter} what it needs from an outgoing call; the
 * instrumentation API turns these answers into semantic-convention attribute names.
 */
enum JavaHttpClientAttributesGetter
    implements HttpClientAttributesGetter<OutgoingRequest, HttpResponse<?>> {
  INSTANCE;

  @Override
  public String getHttpRequestMethod(OutgoingRequest request) {
    return request.original().method();
  }

  @Override
  public List<String> getHttpRequestHeader(OutgoingRequest request, String name) {
    return request.original().headers().allValues(name);
  }

  @Override
  public Integer getHttpResponseStatusCode(
      OutgoingRequest request, HttpResponse<?> response, Throwable error) {
    return response == null ? null : response.statusCode();
  }

  @Override
  public List<String> getHttpResponseHeader(
      OutgoingRequest request, HttpResponse<?> response, String name) {
    return response.headers().allValues(name);
  }

  @Override
  public String getUrlFull(OutgoingRequest request) {
    return request.original().uri().toString();
  }

  @Override
  public String getServerAddress(OutgoingRequest request) {
    return request.original().uri().getHost();
  }

  @Override
  public Integer getServerPort(OutgoingRequest request) {
    URI uri = request.original().uri();
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public String getNetworkProtocolName(OutgoingRequest request, HttpResponse<?> response) {
    return "http";
  }

  @Override
  public String getNetworkProtocolVersion(OutgoingRequest request, HttpResponse<?> response) {
    if (response == null) {
      return null;
    }
    return response.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1";
  }
}
