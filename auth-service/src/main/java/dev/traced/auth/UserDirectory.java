package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The users who may log in, each known only by a BCrypt hash of the password. */
public final class UserDirectory {

  /** Classpath resource with the demo users, {@code user=bcrypt-hash} per line: {@value}. */
  public static final String DEMO_USERS_RESOURCE = "/demo-users.properties";

  /** BCrypt compares at most this many password bytes; longer passwords are refused. */
  static final int MAX_PASSWORD_BYTES = 72;

  /**
   * A cost-10 hash of a random string nobody knows. An unknown user is checked against it so that
   * the answer takes as long as for a known user and timing does not reveal who exists.
   */
  private static final String DUMMY_HASH =
      "$2a$10$WE2hO8Owv/O31VVh1ZA2deiKvpIBiViqEpBd6mLvx9XJ4QA0Zv.lq";

  private final Map<String, String> hashes;

  private UserDirectory(Map<String, String> hashes) {
    this.hashes = Map.copyOf(hashes);
  }

  /** The users of {@code hashes}: user id to BCrypt hash. */
  public static UserDirectory of(Map<String, String> hashes) {
    return new UserDirectory(requireNonNull(hashes, "hashes"));
  }

  /** The demo users from {@link #DEMO_USERS_RESOURCE}. */
  public static UserDirectory demoUsers() {
    try (InputStream in = UserDirectory.class.getResourceAsStream(DEMO_USERS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEMO_USERS_RESOURCE + " is missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> hashes = new HashMap<>();
      for (String user : properties.stringPropertyNames()) {
        hashes.put(user, properties.getProperty(user));
      }
      return of(hashes);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + DEMO_USERS_RESOURCE + " failed", e);
    }
  }

  /** The user id when {@code password} is the password of {@code username}, else empty. */
  public Optional<String> authenticate(String username, String password) {
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    // BCrypt would throw beyond 72 bytes; refusing such passwords depends on no user, so it
    // reveals nothing.
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return Optional.empty();
    }
    String hash = hashes.get(username);
    boolean matches = BCrypt.checkpw(password, hash != null ? hash : DUMMY_HASH);
    return hash != null && matches ? Optional.of(username) : Optional.empty();
  }
}
