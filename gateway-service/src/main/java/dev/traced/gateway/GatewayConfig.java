package dev.traced.gateway;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the gateway, read from the environment.
 *
 * @param host interface to listen on ({@code HOST}, default {@code 0.0.0.0})
 * @param port port to listen on ({@code PORT}, default 8080)
 * @param authUrl base URL of auth-service ({@code AUTH_URL}, default {@code http://localhost:8081})
 * @param baggageAllowList baggage keys accepted from outside callers ({@code BAGGAGE_ALLOWLIST},
 *     comma-separated, default none): the gateway is the trust boundary, so anything else a
 *     client sends as baggage never reaches the services or their logs
 */
public record GatewayConfig(String host, int port, URI authUrl, Set<String> baggageAllowList) {

  /** Checks that every setting is present. */
  public GatewayConfig {
    requireNonNull(host, "host");
    requireNonNull(authUrl, "authUrl");
    baggageAllowList = Set.copyOf(requireNonNull(baggageAllowList, "baggageAllowList"));
  }

  /** Reads the settings from {@code env}, falling back to the documented defaults. */
  public static GatewayConfig fromEnv(Map<String, String> env) {
    return new GatewayConfig(
        env.getOrDefault("HOST", "0.0.0.0"),
        Integer.parseInt(env.getOrDefault("PORT", "8080")),
        URI.create(env.getOrDefault("AUTH_URL", "http://localhost:8081")),
        Arrays.stream(env.getOrDefault("BAGGAGE_ALLOWLIST", "").split(","))
            .map(String::trim)
            .filter(key -> !key.isEmpty())
            .collect(Collectors.toSet()));
  }
}
