package dev.traced.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvTest {

  private enum Mode {
    CONTINUE,
    RESTART
  }

  @Test
  void unsetEmptyAndBlankValuesTakeTheDefault() {
    Env env = Env.of(Map.of("EMPTY", "", "BLANK", "  "));

    assertThat(env.string("UNSET", "d")).isEqualTo("d");
    assertThat(env.port("EMPTY", 8080)).isEqualTo(8080);
    assertThat(env.millis("BLANK", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(env.list("BLANK")).isEmpty();
    assertThat(env.choice("EMPTY", Mode.class, Mode.CONTINUE)).isEqualTo(Mode.CONTINUE);
    assertThat(env.flag("BLANK", true)).isTrue();
  }

  @Test
  void readsEachKindOfValueWithoutSurroundingWhitespace() {
    Env env =
        Env.of(
            Map.of(
                "PORT", " 0 ",
                "TIMEOUT_MS", "250",
                "TTL_SECONDS", "60",
                "URL", "http://auth:8081 ",
                "KEYS", " a, ,b ",
                "MODE", "Restart",
                "EXIT", " TRUE "));

    assertThat(env.port("PORT", 8080)).isZero();
    assertThat(env.millis("TIMEOUT_MS", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(env.seconds("TTL_SECONDS", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
    assertThat(env.httpUrl("URL", "http://x")).isEqualTo(URI.create("http://auth:8081"));
    assertThat(env.list("KEYS")).isEqualTo(Set.of("a", "b"));
    assertThat(env.choice("MODE", Mode.class, Mode.CONTINUE)).isEqualTo(Mode.RESTART);
    assertThat(env.flag("EXIT", false)).isTrue();
  }

  @Test
  void aBrokenValueNamesTheVariableTheRuleAndTheValue() {
    assertRejected("PORT", "http", e -> e.port("PORT", 1), "a whole number 0..65535");
    assertRejected("PORT", "70000", e -> e.port("PORT", 1), "a whole number 0..65535");
    assertRejected(
        "AUTH_TIMEOUT_MS",
        "0",
        e -> e.millis("AUTH_TIMEOUT_MS", Duration.ZERO),
        "a positive whole number");
    assertRejected(
        "ORDER_URL",
        "order:8082",
        e -> e.httpUrl("ORDER_URL", "http://x"),
        "an http(s) URL with a host");
    assertRejected(
        "MODE", "ignore", e -> e.choice("MODE", Mode.class, Mode.CONTINUE), "continue or restart");
    assertRejected("EXIT", "yes", e -> e.flag("EXIT", false), "true or false");
  }

  private static void assertRejected(
      String name, String value, java.util.function.Consumer<Env> read, String rule) {
    assertThatThrownBy(() -> read.accept(Env.of(Map.of(name, value))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(name + " must be " + rule + ", got '" + value + "'");
  }
}
