package dev.traced.w3c;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Settings of the W3C test service, read from the environment.
 *
 * @param host interface to listen on ({@code HOST}, default {@value #DEFAULT_HOST}): loopback,
 *     because the service sends requests to any URL it is given
 * @param port port to listen on, 0 for any free one ({@code PORT}, default {@value
 *     #DEFAULT_PORT}, the port in the suite's examples)
 */
public record TestServiceConfig(String host, int port) {

  /** Interface listened on unless {@code HOST} is set: {@value}. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Port listened on unless {@code PORT} is set: {@value}. */
  public static final int DEFAULT_PORT = 5000;

  /** Checks the settings, so that a bad one stops the service at start. */
  public TestServiceConfig {
    requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PORT must be between 0 and 65535, got " + port);
    }
  }

  /** Reads the settings from {@code env}; unset or blank variables take their defaults. */
  public static TestServiceConfig fromEnv(Map<String, String> env) {
    String host = env.getOrDefault("HOST", "");
    String port = env.getOrDefault("PORT", "");
    return new TestServiceConfig(
        host.isBlank() ? DEFAULT_HOST : host.trim(),
        port.isBlank() ? DEFAULT_PORT : parsePort(port.trim()));
  }

  private static int parsePort(String port) {
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PORT must be a whole number, got '" + port + "'", e);
    }
  }
}
