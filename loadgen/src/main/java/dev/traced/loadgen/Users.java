package dev.traced.loadgen;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/** The logged-in users, taken in turn so that each sends an even share. */
final class Users {

  private final List<UserSession> sessions;
  private final AtomicInteger turn = new AtomicInteger();

  /** The users to take turns with; at least one. */
  Users(List<UserSession> sessions) {
    if (sessions.isEmpty()) {
      throw new IllegalArgumentException("no users");
    }
    this.sessions = List.copyOf(sessions);
  }

  /** The next user, round-robin. */
  UserSession next() {
    return sessions.get(Math.floorMod(turn.getAndIncrement(), sessions.size()));
  }

  /**
   * A user other than {@code user}, chosen at random; {@code user} itself when it is the only one.
   */
  UserSession otherThan(UserSession user, RandomGenerator random) {
    if (sessions.size() == 1) {
      return user;
    }
    UserSession other = sessions.get(random.nextInt(sessions.size() - 1));
    // Picking among n-1 slots and mapping the user's own slot to the last keeps the draw uniform.
    return other == user ? sessions.get(sessions.size() - 1) : other;
  }
}
