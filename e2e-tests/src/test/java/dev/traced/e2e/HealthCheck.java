package dev.traced.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits until an HTTP endpoint answers 200. */
final class HealthCheck {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

  private HealthCheck() {}

  /**
   * Polls {@code url} until it answers 200, {@code alive} turns false (the process died), or {@code
   * timeout} passes.
   */
  static void await(String what, URI url, Duration timeout, BooleanSupplier alive) {
    try {
      Awaitility.await(what + " healthy at " + url)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(
              () -> {
                if (!alive.getAsBoolean()) {
                  throw new IllegalStateException(what + " exited before it became healthy");
                }
                return answers200(url);
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          what + " was not healthy at " + url + " within " + timeout, e);
    }
  }

  private static boolean answers200(URI url) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }
}
