package dev.traced.w3c;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.http.TracedHttpClient;
import java.io.IOException;
import java.net.http.HttpRequest;

/**
 * Makes the harness's callbacks with the telemetry module's {@link TracedHttpClient}: a CLIENT span
 * each, and the W3C headers of the current (the {@code /test} request's) context.
 */
final class CallbackClient {

  private final TracedHttpClient http;

  CallbackClient(TracedHttpClient http) {
    this.http = requireNonNull(http, "http");
  }

  /** POSTs the callback's arguments as JSON to its URL; returns the status of the answer. */
  int send(Callback callback) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(callback.url())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(callback.arguments().toString()))
            .build();
    return http.send(request).statusCode();
  }
}
