package dev.traced.auth;

/**
 * The body of {@code POST /login}.
 *
 * @param username the user's name
 * @param password the user's password in plain text, only ever compared with its hash
 */
public record LoginRequest(String username, String password) {

  /** Leaves the password out, so that no log line or error message can carry it. */
  @Override
  public String toString() {
    return "LoginRequest[username=" + username + ", password=***]";
  }
}
