package dev.traced.telemetry.http;

import io.opentelemetry.context.propagation.TextMapSetter;

/** Writes the propagation headers into the copy of an outgoing request that will be sent. */
enum HttpHeadersSetter implements TextMapSetter<OutgoingRequest> {
  INSTANCE;

  @Override
  public void set(OutgoingRequest request, String key, String value) {
    if (request != null) {
      request.headers().setHeader(key, value);
    }
  }
}
