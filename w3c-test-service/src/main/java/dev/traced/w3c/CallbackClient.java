package dev.traced.w3c;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Makes the harness's callbacks with a client traced by the telemetry module: a CLIENT span each,
 * and the W3C headers of the current (the {@code /test} request's) context.
 */
final class CallbackClient {

  /** Time a callback may take: {@value} seconds. */
  static final int TIMEOUT_SECONDS = 10;

  private final HttpClient http;

  CallbackClient(HttpClient http) {
    this.http = requireNonNull(http, "http");
  }

  /** POSTs the callback's arguments as JSON to its URL; returns the status of the answer. */
  int send(Callback callback) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(callback.url())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
            .POST(HttpRequest.BodyPublishers.ofString(callback.arguments().toString()))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
