package dev.traced.gateway;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.Env;
import dev.traced.telemetry.javalin.InboundTraceContext;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of the gateway, read from the environment.
 *
 * @param host interface to listen on ({@code HOST}, default {@code 0.0.0.0})
 * @param port port to listen on ({@code PORT}, default 8080)
 * @param authUrl base URL of auth-service ({@code AUTH_URL}, default {@code http://localhost:8081})
 * @param authTimeout time a call to auth-service may take before the client gets a 504, or a 503
 *     when no connection was made in that time ({@code AUTH_TIMEOUT_MS}, default 10000): longer
 *     than auth-service's own wait for order-service
 * @param baggageAllowList baggage keys accepted from outside callers ({@code BAGGAGE_ALLOWLIST},
 *     comma-separated, default none): the gateway is the trust boundary, so anything else a client
 *     sends as baggage never reaches the services or their logs
 * @param inboundTraceContext whether a caller's W3C trace context is continued or the trace
 *     restarted here with a span link to it ({@code INBOUND_TRACE_CONTEXT}, {@code continue} or
 *     {@code restart}, default {@code continue}): {@code restart} keeps outside callers from
 *     choosing trace ids, sampling and {@code tracestate} inside the system
 * @param jaegerQueryUrl Jaeger's query API, read by the demo page through the gateway ({@code
 *     JAEGER_QUERY_URL}, default {@code http://localhost:16686})
 * @param jaegerUiUrl Jaeger's UI as the user's browser reaches it, for links on the demo page
 *     ({@code JAEGER_UI_URL}, default {@code http://localhost:16686})
 * @param traceSampling whether Jaeger gets every trace or a tail sampler drops some on the way, for
 *     the demo page to explain a trace that never arrives ({@code TRACE_SAMPLING}, {@code all} or
 *     {@code tail}, default {@code all})
 */
public record GatewayConfig(
    String host,
    int port,
    URI authUrl,
    Duration authTimeout,
    Set<String> baggageAllowList,
    InboundTraceContext inboundTraceContext,
    URI jaegerQueryUrl,
    URI jaegerUiUrl,
    TraceSampling traceSampling) {

  /** Checks that every setting is present. */
  public GatewayConfig {
    requireNonNull(host, "host");
    requireNonNull(authUrl, "authUrl");
    requireNonNull(authTimeout, "authTimeout");
    baggageAllowList = Set.copyOf(requireNonNull(baggageAllowList, "baggageAllowList"));
    requireNonNull(inboundTraceContext, "inboundTraceContext");
    requireNonNull(jaegerQueryUrl, "jaegerQueryUrl");
    requireNonNull(jaegerUiUrl, "jaegerUiUrl");
    requireNonNull(traceSampling, "traceSampling");
  }

  /** Reads the settings from {@code env}, falling back to the documented defaults. */
  public static GatewayConfig from(Env env) {
    return new GatewayConfig(
        env.string("HOST", "0.0.0.0"),
        env.port("PORT", 8080),
        env.httpUrl("AUTH_URL", "http://localhost:8081"),
        env.millis("AUTH_TIMEOUT_MS", Duration.ofSeconds(10)),
        env.list("BAGGAGE_ALLOWLIST"),
        env.choice(
            "INBOUND_TRACE_CONTEXT", InboundTraceContext.class, InboundTraceContext.CONTINUE),
        env.httpUrl("JAEGER_QUERY_URL", "http://localhost:16686"),
        env.httpUrl("JAEGER_UI_URL", "http://localhost:16686"),
        env.choice("TRACE_SAMPLING", TraceSampling.class, TraceSampling.ALL));
  }
}
