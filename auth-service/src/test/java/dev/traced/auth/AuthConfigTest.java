package dev.traced.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.kit.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {

  @Test
  void defaultsToTheLocalDevelopmentSetup() {
    AuthConfig config = AuthConfig.from(Env.of(Map.of()));

    assertThat(config)
        .isEqualTo(
            new AuthConfig(
                "0.0.0.0",
                8081,
                URI.create("http://localhost:8082"),
                "dev-only-token-secret-change-me-0123456789abcdef",
                "dev-only-identity-secret-change-me-0123456789",
                Duration.ofSeconds(3600),
                Duration.ofSeconds(5)));
    assertThat(config.usesDevelopmentSecrets()).isTrue();
  }

  @Test
  void readsEveryVariable() {
    AuthConfig config =
        AuthConfig.from(
            Env.of(
                Map.of(
                    "HOST", "127.0.0.1",
                    "PORT", "9091",
                    "ORDER_URL", "http://order-service:8082",
                    "TOKEN_SECRET", "t".repeat(32),
                    "IDENTITY_SECRET", "i".repeat(40),
                    "TOKEN_TTL_SECONDS", "900",
                    "ORDER_TIMEOUT_MS", "1500")));

    assertThat(config)
        .isEqualTo(
            new AuthConfig(
                "127.0.0.1",
                9091,
                URI.create("http://order-service:8082"),
                "t".repeat(32),
                "i".repeat(40),
                Duration.ofMinutes(15),
                Duration.ofMillis(1500)));
    assertThat(config.usesDevelopmentSecrets()).isFalse();
  }

  @Test
  void refusesAShortSecretAtStart() {
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("TOKEN_SECRET", "short"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TOKEN_SECRET must be at least 32 bytes for HS256, got 5");
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("IDENTITY_SECRET", "x".repeat(31)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IDENTITY_SECRET must be at least 32 bytes for HS256, got 31");
  }

  @Test
  void refusesMalformedNumbersAndUrls() {
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("PORT", "http"))))
        .hasMessage("PORT must be a whole number 0..65535, got 'http'");
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("TOKEN_TTL_SECONDS", "0"))))
        .hasMessage("TOKEN_TTL_SECONDS must be a positive whole number, got '0'");
    assertThatThrownBy(() -> AuthConfig.from(Env.of(Map.of("ORDER_URL", "order-service:8082"))))
        .hasMessage("ORDER_URL must be an http(s) URL with a host, got 'order-service:8082'");
  }

  @Test
  void keepsSecretsOutOfToString() {
    assertThat(AuthConfig.from(Env.of(Map.of())).toString())
        .doesNotContain(AuthConfig.DEV_TOKEN_SECRET)
        .doesNotContain(AuthConfig.DEV_IDENTITY_SECRET);
  }
}
