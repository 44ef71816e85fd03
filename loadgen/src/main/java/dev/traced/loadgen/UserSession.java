package dev.traced.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** One logged-in user: its token and the ids of orders it created, for later gets. */
final class UserSession {

  /** Enough ids to make gets varied, few enough that a long run does not grow memory. */
  private static final int REMEMBERED_ORDERS = 100;

  private final Credentials credentials;
  private final List<String> orderIds = new ArrayList<>();
  private volatile String token;

  /** A user logged in with {@code token}. */
  UserSession(Credentials credentials, String token) {
    this.credentials = credentials;
    this.token = token;
  }

  /** Who this is, for logging in again. */
  Credentials credentials() {
    return credentials;
  }

  /** The current access token. */
  String token() {
    return token;
  }

  /** Replaces the token after a new login. */
  void token(String fresh) {
    token = fresh;
  }

  /** Keeps {@code id} for later gets, forgetting the oldest beyond {@value #REMEMBERED_ORDERS}. */
  synchronized void remember(String id) {
    if (orderIds.size() == REMEMBERED_ORDERS) {
      orderIds.remove(0);
    }
    orderIds.add(id);
  }

  /** One of the remembered orders, empty before the first one is created. */
  synchronized Optional<String> anyOrder(RandomGenerator random) {
    return orderIds.isEmpty()
        ? Optional.empty()
        : Optional.of(orderIds.get(random.nextInt(orderIds.size())));
  }
}
