package dev.traced.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.kit.Env;
import dev.traced.kit.RunningService;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.javalin.Javalin;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the trust boundary: what an outside caller sends that reaches the services behind
 * it. {@code INBOUND_TRACE_CONTEXT} decides about the caller's trace; only allow-listed baggage and
 * the headers the API needs cross, never a claim of identity.
 */
class TrustBoundaryTest {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_ID = "b7ad6b7169203331";

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("gateway-service");
  private RunningService gateway;

  private Javalin auth;

  @AfterEach
  void stop() {
    gateway.close();
    telemetry.close();
    if (auth != null) {
      auth.stop();
    }
  }

  @Test
  void forwardsOnlyTheApisHeadersAndAllowListedBaggage() throws Exception {
    Map<String, String> received = new ConcurrentHashMap<>();
    auth =
        Javalin.create(
                config ->
                    config.routes.post(
                        "/orders",
                        ctx -> {
                          ctx.headerMap()
                              .forEach(
                                  (name, value) ->
                                      received.put(name.toLowerCase(Locale.ROOT), value));
                          ctx.status(201).json(Map.of("id", 1));
                        }))
            .start("127.0.0.1", 0);
    gateway =
        GatewayServer.start(
            GatewayConfig.from(
                Env.of(
                    Map.of(
                        "HOST", "127.0.0.1",
                        "PORT", "0",
                        "AUTH_URL", "http://127.0.0.1:" + auth.port(),
                        "BAGGAGE_ALLOWLIST", "tenant"))),
            telemetry.sdk());

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/api/orders"))
                    .header("Authorization", "Bearer token-of-the-caller")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "key-1")
                    // What a caller might try to pass for an identity the services would trust:
                    .header("X-User-Id", "bob")
                    .header("X-Forwarded-User", "bob")
                    .header("X-Identity-Assertion", "eyJhbGciOiJIUzI1NiJ9.e30.forged")
                    .header("Forwarded", "for=10.0.0.1;by=gateway")
                    .header("Cookie", "session=bob")
                    .header("baggage", "tenant=acme,enduser.id=bob,demo.scenario=order-failure")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"x\",\"quantity\":1}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(received)
        .containsEntry("authorization", "Bearer token-of-the-caller")
        .containsEntry("idempotency-key", "key-1")
        .containsEntry("baggage", "tenant=acme")
        .containsKey("traceparent")
        .doesNotContainKeys(
            "x-user-id", "x-forwarded-user", "x-identity-assertion", "forwarded", "cookie");
  }

  @Test
  void continuesAnOutsideCallersTraceByDefault() throws Exception {
    String traceresponse = loginWithOwnTrace(Map.of());

    assertThat(traceresponse).startsWith("00-" + TRACE_ID + "-");
    assertThat(serverSpan().getParentSpanId()).isEqualTo(PARENT_ID);
  }

  @Test
  void restartsItWhenConfiguredAndLinksToIt() throws Exception {
    String traceresponse = loginWithOwnTrace(Map.of("INBOUND_TRACE_CONTEXT", "restart"));

    SpanData server = serverSpan();
    assertThat(traceresponse).startsWith("00-" + server.getTraceId() + "-");
    assertThat(server.getTraceId()).isNotEqualTo(TRACE_ID);
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    assertThat(server.getLinks())
        .singleElement()
        .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(PARENT_ID));
  }

  private String loginWithOwnTrace(Map<String, String> env) throws Exception {
    Map<String, String> settings = new HashMap<>(env);
    settings.put("HOST", "127.0.0.1");
    settings.put("PORT", "0");
    settings.put("AUTH_URL", "http://127.0.0.1:9");
    gateway = GatewayServer.start(GatewayConfig.from(Env.of(settings)), telemetry.sdk());
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/api/login"))
                    .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01")
                    .header("tracestate", "congo=t61rcWkgMzE")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("auth-service is unreachable").isEqualTo(503);
    return response.headers().firstValue("traceresponse").orElseThrow();
  }

  private SpanData serverSpan() {
    return telemetry.awaitSpan("a SERVER span", span -> span.getKind() == SpanKind.SERVER);
  }
}
