package dev.traced.telemetry.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A call about to be sent: the request as the caller built it, for attributes, and the propagation
 * headers set for it, since {@link HttpRequest} is immutable.
 *
 * <p>The request sent is the caller's with those headers, not a copy made through {@code
 * HttpRequest.newBuilder(request, filter)}: that copy checks every header of the caller's once more
 * and was a third of a CLIENT span's cost. The client checks the headers it sends anyway.
 */
final class OutgoingRequest {

  private final HttpRequest original;

  /** Header name to its one line, names compared ignoring case as HTTP does; none set yet. */
  private Map<String, List<String>> propagation;

  private OutgoingRequest(HttpRequest original) {
    this.original = original;
  }

  static OutgoingRequest of(HttpRequest request) {
    return new OutgoingRequest(request);
  }

  /** The request as the caller built it. */
  HttpRequest original() {
    return original;
  }

  /** Sets header {@code name} to {@code value}, in place of the caller's lines of that name. */
  void setHeader(String name, String value) {
    if (propagation == null) {
      propagation = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }
    propagation.put(name, List.of(value));
  }

  /** The request to send: the caller's, with the headers set here. */
  HttpRequest toSend() {
    if (propagation == null) {
      return original;
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(original.headers().map());
    headers.putAll(propagation);
    return new WithHeaders(original, HttpHeaders.of(headers, (name, value) -> true));
  }

  /** {@code request} with other headers; everything else is the request's own. */
  private static final class WithHeaders extends HttpRequest {
    private final HttpRequest request;
    private final HttpHeaders headers;

    WithHeaders(HttpRequest request, HttpHeaders headers) {
      this.request = request;
      this.headers = headers;
    }

    @Override
    public Optional<BodyPublisher> bodyPublisher() {
      return request.bodyPublisher();
    }

    @Override
    public String method() {
      return request.method();
    }

    @Override
    public Optional<Duration> timeout() {
      return request.timeout();
    }

    @Override
    public boolean expectContinue() {
      return request.expectContinue();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Optional<HttpClient.Version> version() {
      return request.version();
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }

    @Override
    public String toString() {
      return request.toString();
    }
  }
}
