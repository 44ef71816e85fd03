package dev.traced.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits until the gateway answers {@code /health}, then logs every user in. */
final class Startup {

  /** How long the gateway may take to come up: compose starts loadgen beside the services. */
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final ApiClient api;
  private final Stats stats;
  private final CountDownLatch stop;
  private final PrintStream out;
  private final Duration timeout;

  /**
   * Waits through {@code api} at most {@code timeout}, or until {@code stop}; logins are counted in
   * {@code stats}.
   */
  Startup(ApiClient api, Stats stats, CountDownLatch stop, PrintStream out, Duration timeout) {
    this.api = api;
    this.stats = stats;
    this.stop = stop;
    this.out = out;
    this.timeout = timeout;
  }

  /**
   * The logged-in users, or empty when stopped while waiting.
   *
   * @throws IllegalStateException when the gateway is not ready within the timeout, or refuses a
   *     user's password (waiting would not help)
   */
  Optional<Users> logIn(List<Credentials> credentials) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean announced = false;
    while (!healthy()) {
      if (!announced) {
        out.println(
            "loadgen: waiting for "
                + api.gatewayUrl()
                + "/health (up to "
                + timeout.toSeconds()
                + " s)");
        announced = true;
      }
      if (pause(
          deadline, "the gateway at " + api.gatewayUrl() + " did not answer /health with 200")) {
        return Optional.empty();
      }
    }
    List<UserSession> sessions = new ArrayList<>();
    for (Credentials user : credentials) {
      Optional<String> token;
      while ((token = tryLogin(user)).isEmpty()) {
        if (pause(deadline, "login as " + user.username() + " kept failing")) {
          return Optional.empty();
        }
      }
      sessions.add(new UserSession(user, token.get()));
    }
    return Optional.of(new Users(sessions));
  }

  private boolean healthy() {
    try {
      return api.health().status() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The token, or empty when it is worth trying again (the gateway or auth-service still starting).
   */
  private Optional<String> tryLogin(Credentials user) throws InterruptedException {
    stats.recordLogin();
    ApiClient.Reply reply;
    try {
      reply = api.login(user);
      if (reply.status() == 200) {
        return Optional.of(ApiClient.accessToken(reply));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    if (reply.status() >= 400 && reply.status() < 500) {
      throw new IllegalStateException(
          "login as "
              + user.username()
              + " was refused with HTTP "
              + reply.status()
              + "; check LOADGEN_USERS");
    }
    return Optional.empty();
  }

  /** Waits before the next try; true when stopped meanwhile. */
  private boolean pause(long deadline, String failure) throws InterruptedException {
    if (System.nanoTime() - deadline >= 0) {
      throw new IllegalStateException(failure + " within " + timeout.toSeconds() + " s");
    }
    return stop.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
