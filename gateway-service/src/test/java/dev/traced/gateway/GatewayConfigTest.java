package dev.traced.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.kit.Env;
import dev.traced.telemetry.javalin.InboundTraceContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayConfigTest {

  @Test
  void defaultsToTheLocalDevelopmentSetup() {
    assertThat(GatewayConfig.from(Env.of(Map.of())))
        .isEqualTo(
            new GatewayConfig(
                "0.0.0.0",
                8080,
                URI.create("http://localhost:8081"),
                Duration.ofSeconds(10),
                Set.of(),
                InboundTraceContext.CONTINUE,
                URI.create("http://localhost:16686"),
                URI.create("http://localhost:16686"),
                TraceSampling.ALL));
  }

  @Test
  void readsEveryVariable() {
    GatewayConfig config =
        GatewayConfig.from(
            Env.of(
                Map.of(
                    "HOST", "127.0.0.1",
                    "PORT", "9090",
                    "AUTH_URL", "http://auth-service:8081",
                    "AUTH_TIMEOUT_MS", "2500",
                    "BAGGAGE_ALLOWLIST", "tenant, demo.scenario,",
                    "INBOUND_TRACE_CONTEXT", "restart",
                    "JAEGER_QUERY_URL", "http://jaeger:16686",
                    "JAEGER_UI_URL", "http://localhost:26686",
                    "TRACE_SAMPLING", "tail")));

    assertThat(config)
        .isEqualTo(
            new GatewayConfig(
                "127.0.0.1",
                9090,
                URI.create("http://auth-service:8081"),
                Duration.ofMillis(2500),
                Set.of("tenant", "demo.scenario"),
                InboundTraceContext.RESTART,
                URI.create("http://jaeger:16686"),
                URI.create("http://localhost:26686"),
                TraceSampling.TAIL));
  }

  @ParameterizedTest
  @ValueSource(strings = {"continue", "CONTINUE", " Continue ", ""})
  void continuesOutsideTracesUnlessToldToRestart(String value) {
    assertThat(
            GatewayConfig.from(Env.of(Map.of("INBOUND_TRACE_CONTEXT", value)))
                .inboundTraceContext())
        .isEqualTo(InboundTraceContext.CONTINUE);
  }

  @Test
  void readsRestartInAnyCase() {
    assertThat(
            GatewayConfig.from(Env.of(Map.of("INBOUND_TRACE_CONTEXT", "Restart")))
                .inboundTraceContext())
        .isEqualTo(InboundTraceContext.RESTART);
  }

  @Test
  void refusesAnUnknownInboundTraceContext() {
    assertThatThrownBy(() -> GatewayConfig.from(Env.of(Map.of("INBOUND_TRACE_CONTEXT", "ignore"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("INBOUND_TRACE_CONTEXT must be continue or restart, got 'ignore'");
  }

  @Test
  void refusesAnUnknownTraceSampling() {
    assertThatThrownBy(() -> GatewayConfig.from(Env.of(Map.of("TRACE_SAMPLING", "head"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TRACE_SAMPLING must be all or tail, got 'head'");
  }
}
