package dev.traced.telemetry.http;

import java.net.http.HttpRequest;

/**
 * A call about to be sent: the request as the caller built it, for attributes, and a builder copy
 * of it that receives the propagation headers, since {@link HttpRequest} is immutable.
 */
record OutgoingRequest(HttpRequest original, HttpRequest.Builder headers) {

  static OutgoingRequest of(HttpRequest request) {
    return new OutgoingRequest(request, HttpRequest.newBuilder(request, (name, value) -> true));
  }
}
