package dev.traced.loadgen;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A demo user that loadgen logs in as.
 *
 * @param username the login name
 * @param password its password
 */
public record Credentials(String username, String password) {

  /** Checks that both parts are present. */
  public Credentials {
    requireNonNull(username, "username");
    requireNonNull(password, "password");
  }

  /**
   * Parses {@code name:password,name:password}; names must be unique, so that "another user's
   * order" always means a different account.
   */
  public static List<Credentials> parseList(String text) {
    List<Credentials> users = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String pair : text.split(",")) {
      String trimmed = pair.trim();
      int colon = trimmed.indexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        throw new IllegalArgumentException(
            "LOADGEN_USERS must be name:password pairs separated by commas, got '"
                + pair.trim()
                + "'");
      }
      Credentials user = new Credentials(trimmed.substring(0, colon), trimmed.substring(colon + 1));
      if (!names.add(user.username())) {
        throw new IllegalArgumentException(
            "LOADGEN_USERS names user '" + user.username() + "' twice");
      }
      users.add(user);
    }
    return List.copyOf(users);
  }

  /** Hides the password, which would otherwise end up in logs. */
  @Override
  public String toString() {
    return username + ":***";
  }
}
