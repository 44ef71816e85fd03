package dev.traced.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits until an HTTP endpoint answers 200. */
final class HealthCheck {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private HealthCheck() {}

  /**
   * Polls {@code url} until it answers 200, {@code alive} turns false (the process died), or
   * {@code timeout} passes.
   */
  static void await(String what, URI url, Duration timeout, BooleanSupplier alive) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(what + " exited before it became healthy");
      }
      try {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).build();
        if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
      sleep(100);
    }
    throw new IllegalStateException(what + " was not healthy at " + url + " within " + timeout);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
