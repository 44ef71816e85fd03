package dev.traced.telemetry.http;

import io.opentelemetry.context.propagation.TextMapSetter;

/** Sets the propagation headers on an outgoing request (see {@link OutgoingRequest}). */
enum HttpHeadersSetter implements TextMapSetter<OutgoingRequest> {
  INSTANCE;

  @Override
  public void set(OutgoingRequest request, String key, String value) {
    if (request != null) {
      request.setHeader(key, value);
    }
  }
}
