package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.kit.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderConfigTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    OrderConfig config = OrderConfig.from(Env.of(Map.of()));

    assertThat(config)
        .isEqualTo(
            new OrderConfig(
                "0.0.0.0",
                8082,
                "jdbc:h2:file:./data/orders",
                "sa",
                "",
                "dev-only-identity-secret-change-me-0123456789"));
  }

  @Test
  void everyVariableIsRead() {
    OrderConfig config =
        OrderConfig.from(
            Env.of(
                Map.of(
                    "HOST", "127.0.0.1",
                    "PORT", "9000",
                    "DB_URL", "jdbc:postgresql://db:5432/orders",
                    "DB_USER", "orders",
                    "DB_PASSWORD", "pw",
                    "IDENTITY_SECRET", "s".repeat(40))));

    assertThat(config)
        .isEqualTo(
            new OrderConfig(
                "127.0.0.1",
                9000,
                "jdbc:postgresql://db:5432/orders",
                "orders",
                "pw",
                "s".repeat(40)));
  }

  @Test
  void emptyVariableTakesTheDefault() {
    assertThat(OrderConfig.from(Env.of(Map.of("PORT", ""))).port()).isEqualTo(8082);
  }

  @Test
  void badPortSaysWhich() {
    assertThatThrownBy(() -> OrderConfig.from(Env.of(Map.of("PORT", "http"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT must be a whole number 0..65535, got 'http'");
    assertThatThrownBy(() -> OrderConfig.from(Env.of(Map.of("PORT", "70000"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT must be a whole number 0..65535, got '70000'");
  }

  @Test
  void secretsStayOutOfToString() {
    OrderConfig config =
        OrderConfig.from(
            Env.of(Map.of("DB_PASSWORD", "hunter2", "IDENTITY_SECRET", "t".repeat(40))));

    assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("tttt");
  }

  @Test
  void shortSecretStopsTheServerFromStarting() {
    assertThatThrownBy(
            () -> new OrderConfig("127.0.0.1", 0, "jdbc:h2:mem:never", "sa", "", "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IDENTITY_SECRET must be at least 32 bytes for HS256, got 5");
  }
}
