package dev.traced.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadConfigTest {

  @Test
  void defaultsToAGentleOpenLoopAgainstTheLocalGateway() {
    LoadConfig config = LoadConfig.fromEnv(Map.of());

    assertThat(config)
        .isEqualTo(
            new LoadConfig(
                URI.create("http://localhost:8080"),
                2,
                Duration.ZERO,
                LoadConfig.Mode.OPEN,
                4,
                List.of(new Credentials("alice", "wonderland"), new Credentials("bob", "builder")),
                ScenarioMix.parse(LoadConfig.DEFAULT_MIX),
                Optional.empty(),
                Duration.ZERO));
    assertThat(config.mix().toString())
        .isEqualTo(
            "happy=80,unknown-order=5,invalid-token=4,other-users-order=3,slow-database=3,order-failure=3,auth-unreachable=2");
  }

  @Test
  void readsEveryVariable() {
    LoadConfig config =
        LoadConfig.fromEnv(
            Map.of(
                "GATEWAY_URL", "http://gateway-service:8080/",
                "LOADGEN_RATE", "250.5",
                "LOADGEN_DURATION", "60",
                "LOADGEN_MODE", "CLOSED",
                "LOADGEN_CONCURRENCY", "32",
                "LOADGEN_USERS", "carol:secret, dave:p:w",
                "LOADGEN_MIX", "happy=1, slow-database=0",
                "LOADGEN_REPORT", "target/report.json",
                "LOADGEN_WARMUP", "10"));

    assertThat(config)
        .isEqualTo(
            new LoadConfig(
                URI.create("http://gateway-service:8080"),
                250.5,
                Duration.ofSeconds(60),
                LoadConfig.Mode.CLOSED,
                32,
                List.of(new Credentials("carol", "secret"), new Credentials("dave", "p:w")),
                new ScenarioMix(Map.of(Scenario.HAPPY, 1)),
                Optional.of(Path.of("target/report.json")),
                Duration.ofSeconds(10)));
  }

  @Test
  void treatsEmptyVariablesAsUnset() {
    assertThat(
            LoadConfig.fromEnv(
                Map.of("LOADGEN_RATE", "", "LOADGEN_USERS", " ", "LOADGEN_REPORT", "")))
        .isEqualTo(LoadConfig.fromEnv(Map.of()));
  }

  @Test
  void rejectsBadNumbersWithTheVariableName() {
    assertRejected(Map.of("LOADGEN_RATE", "-1"), "LOADGEN_RATE must be a number >= 0, got -1");
    assertRejected(Map.of("LOADGEN_RATE", "fast"), "LOADGEN_RATE must be a number, got 'fast'");
    assertRejected(Map.of("LOADGEN_RATE", "NaN"), "LOADGEN_RATE must be a number >= 0, got NaN");
    assertRejected(
        Map.of("LOADGEN_DURATION", "-5"),
        "LOADGEN_DURATION must be a whole number of seconds >= 0, got -5");
    assertRejected(
        Map.of("LOADGEN_DURATION", "1.5"), "LOADGEN_DURATION must be a whole number, got '1.5'");
    assertRejected(Map.of("LOADGEN_CONCURRENCY", "0"), "LOADGEN_CONCURRENCY must be >= 1, got 0");
    assertRejected(
        Map.of("LOADGEN_DURATION", "10", "LOADGEN_WARMUP", "10"),
        "LOADGEN_WARMUP (10 s) must be shorter than LOADGEN_DURATION (10 s)");
  }

  @Test
  void rejectsAnUnknownModeOrUrl() {
    assertRejected(
        Map.of("LOADGEN_MODE", "burst"), "LOADGEN_MODE must be open or closed, got 'burst'");
    assertRejected(
        Map.of("GATEWAY_URL", "localhost:8080"),
        "GATEWAY_URL must be an http:// or https:// URL, got 'localhost:8080'");
  }

  @Test
  void rejectsAnUnknownScenarioInTheMix() {
    assertRejected(
        Map.of("LOADGEN_MIX", "happy=80,teapot=5"),
        "LOADGEN_MIX names unknown scenario 'teapot'; known: happy, unknown-order, invalid-token,"
            + " other-users-order, slow-database, order-failure, auth-unreachable");
    assertRejected(
        Map.of("LOADGEN_MIX", "happy"),
        "LOADGEN_MIX must be name=weight pairs separated by commas, got 'happy'");
    assertRejected(
        Map.of("LOADGEN_MIX", "happy=-1"), "LOADGEN_MIX weight of happy must be >= 0, got -1");
    assertRejected(
        Map.of("LOADGEN_MIX", "happy=lots"),
        "LOADGEN_MIX weight of happy must be a whole number, got 'lots'");
    assertRejected(
        Map.of("LOADGEN_MIX", "happy=1,happy=2"), "LOADGEN_MIX names scenario 'happy' twice");
    assertRejected(
        Map.of("LOADGEN_MIX", "happy=0"),
        "LOADGEN_MIX must give at least one scenario a weight above 0");
  }

  @Test
  void rejectsABadUserList() {
    assertRejected(
        Map.of("LOADGEN_USERS", "alice"),
        "LOADGEN_USERS must be name:password pairs separated by commas, got 'alice'");
    assertRejected(
        Map.of("LOADGEN_USERS", "alice:wonderland,:builder"),
        "LOADGEN_USERS must be name:password pairs separated by commas, got ':builder'");
    assertRejected(
        Map.of("LOADGEN_USERS", "alice:wonderland,bob:"),
        "LOADGEN_USERS must be name:password pairs separated by commas, got 'bob:'");
    assertRejected(
        Map.of("LOADGEN_USERS", "alice:a,alice:b"), "LOADGEN_USERS names user 'alice' twice");
  }

  @Test
  void otherUsersOrderNeedsTwoUsers() {
    assertRejected(
        Map.of("LOADGEN_USERS", "alice:wonderland"),
        "other-users-order needs two users in LOADGEN_USERS; add one or give it weight 0 in LOADGEN_MIX");

    LoadConfig oneUser =
        LoadConfig.fromEnv(Map.of("LOADGEN_USERS", "alice:wonderland", "LOADGEN_MIX", "happy=1"));
    assertThat(oneUser.users()).containsExactly(new Credentials("alice", "wonderland"));
  }

  @Test
  void keepsPasswordsOutOfToString() {
    assertThat(LoadConfig.fromEnv(Map.of()).toString())
        .contains("alice:***")
        .doesNotContain("wonderland");
  }

  private static void assertRejected(Map<String, String> env, String message) {
    assertThatThrownBy(() -> LoadConfig.fromEnv(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
