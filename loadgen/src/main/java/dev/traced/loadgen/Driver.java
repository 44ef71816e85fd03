package dev.traced.loadgen;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** Sends one scenario as the next user and records what came back. */
final class Driver {

  /** An order id no test or demo run reaches. */
  static final String UNKNOWN_ORDER_ID = "999999999";

  /** The token of the invalid-token scenario. */
  static final String INVALID_TOKEN = "invalid";

  private final ApiClient api;
  private final Users users;
  private final Stats stats;
  private final Consumer<ApiClient.Reply> onReply;

  /**
   * Sends through {@code api} as {@code users}, records into {@code stats} and hands every reply to
   * {@code onReply} (a benchmark collects trace ids that way).
   */
  Driver(ApiClient api, Users users, Stats stats, Consumer<ApiClient.Reply> onReply) {
    this.api = api;
    this.users = users;
    this.stats = stats;
    this.onReply = onReply;
  }

  /**
   * Sends {@code scenario} once. Never throws, so a worker keeps going whatever the gateway does.
   */
  void send(Scenario scenario, RandomGenerator random) {
    UserSession user = users.next();
    long start = System.nanoTime();
    try {
      Sent sent = exchange(scenario, user, random);
      stats.record(sent.scenario(), sent.reply().status(), start, sent.reply().nanos());
      onReply.accept(sent.reply());
      if (sent.scenario() == Scenario.HAPPY && sent.reply().status() == 401) {
        // The token expired (or auth-service restarted with a new key): log in again.
        relogin(user);
      }
    } catch (IOException e) {
      stats.recordTransportError(scenario, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What was actually sent: a fallback may turn one scenario into another (see {@link #foreign}).
   */
  private record Sent(Scenario scenario, ApiClient.Reply reply) {}

  private Sent exchange(Scenario scenario, UserSession user, RandomGenerator random)
      throws IOException, InterruptedException {
    return switch (scenario.step()) {
      case HAPPY -> happy(user, random);
      case LIST -> new Sent(scenario, api.listOrders(user.token(), scenario));
      case CREATE -> new Sent(scenario, create(user, scenario));
      case GET_UNKNOWN ->
          new Sent(scenario, api.getOrder(user.token(), UNKNOWN_ORDER_ID, scenario));
      case LIST_WITH_INVALID_TOKEN -> new Sent(scenario, api.listOrders(INVALID_TOKEN, scenario));
      case GET_FOREIGN -> foreign(user, random);
    };
  }

  /** 40 % create, 30 % list, 30 % get an own order (create while the user has none). */
  private Sent happy(UserSession user, RandomGenerator random)
      throws IOException, InterruptedException {
    int roll = random.nextInt(100);
    if (roll < 40) {
      return new Sent(Scenario.HAPPY, create(user, Scenario.HAPPY));
    }
    if (roll < 70) {
      return new Sent(Scenario.HAPPY, api.listOrders(user.token(), Scenario.HAPPY));
    }
    var own = user.anyOrder(random);
    return new Sent(
        Scenario.HAPPY,
        own.isPresent()
            ? api.getOrder(user.token(), own.get(), Scenario.HAPPY)
            : create(user, Scenario.HAPPY));
  }

  /**
   * Gets an order of another user. Until that user has created one, it creates one now, which is a
   * normal request and so counted as {@code happy}.
   */
  private Sent foreign(UserSession user, RandomGenerator random)
      throws IOException, InterruptedException {
    UserSession other = users.otherThan(user, random);
    var theirs = other.anyOrder(random);
    if (other == user) {
      // Only one user: LoadConfig refuses that with other-users-order in the mix, but stay correct.
      return new Sent(
          Scenario.OTHER_USERS_ORDER,
          api.getOrder(user.token(), UNKNOWN_ORDER_ID, Scenario.OTHER_USERS_ORDER));
    }
    if (theirs.isEmpty()) {
      return new Sent(Scenario.HAPPY, create(other, Scenario.HAPPY));
    }
    return new Sent(
        Scenario.OTHER_USERS_ORDER,
        api.getOrder(user.token(), theirs.get(), Scenario.OTHER_USERS_ORDER));
  }

  private ApiClient.Reply create(UserSession user, Scenario scenario)
      throws IOException, InterruptedException {
    ApiClient.Reply reply = api.createOrder(user.token(), scenario);
    if (reply.status() == 200 || reply.status() == 201) {
      reply.orderId().ifPresent(user::remember);
    }
    return reply;
  }

  private void relogin(UserSession user) throws InterruptedException {
    try {
      stats.recordLogin();
      ApiClient.Reply reply = api.login(user.credentials());
      if (reply.status() == 200) {
        user.token(ApiClient.accessToken(reply));
      }
    } catch (IOException e) {
      // The next 401 tries again; the failed happy request is already counted.
    }
  }
}
