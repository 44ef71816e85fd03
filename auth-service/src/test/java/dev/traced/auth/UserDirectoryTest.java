package dev.traced.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

  private final UserDirectory users = UserDirectory.demoUsers();

  @Test
  void authenticatesTheDemoUsers() {
    assertThat(users.authenticate("alice", "wonderland")).hasValue("alice");
    assertThat(users.authenticate("bob", "builder")).hasValue("bob");
  }

  @Test
  void refusesAWrongPasswordAnUnknownUserAndAnotherUsersPassword() {
    assertThat(users.authenticate("alice", "Wonderland")).isEmpty();
    assertThat(users.authenticate("alice", "builder")).isEmpty();
    assertThat(users.authenticate("mallory", "wonderland")).isEmpty();
    assertThat(users.authenticate("alice", "")).isEmpty();
  }

  @Test
  void refusesAPasswordLongerThanBcryptCompares() {
    // BCrypt ignores bytes after the 72nd; such a password must not log in by its prefix.
    assertThat(users.authenticate("alice", "wonderland" + "x".repeat(100))).isEmpty();
  }

  @Test
  void storesOnlyCost10BcryptHashes() throws Exception {
    Properties stored = new Properties();
    String text;
    String resource = UserDirectory.DEMO_USERS_RESOURCE;
    try (InputStream in = UserDirectory.class.getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    stored.load(new StringReader(text));

    assertThat(stored.stringPropertyNames()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(stored.values())
        .allSatisfy(hash -> assertThat((String) hash).matches("\\$2a\\$10\\$[./A-Za-z0-9]{53}"));
    assertThat(text).doesNotContain("wonderland").doesNotContain("builder");
  }
}
