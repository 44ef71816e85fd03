package dev.traced.w3c;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.Env;

/**
 * Settings of the W3C test service, read from the environment.
 *
 * @param host interface to listen on ({@code HOST}, default {@value #DEFAULT_HOST}): loopback,
 *     because the service sends requests to any URL it is given
 * @param port port to listen on, 0 for any free one ({@code PORT}, default {@value #DEFAULT_PORT},
 *     the port in the suite's examples)
 */
public record TestServiceConfig(String host, int port) {

  /** Interface listened on unless {@code HOST} is set: {@value}. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Port listened on unless {@code PORT} is set: {@value}. */
  public static final int DEFAULT_PORT = 5000;

  /** Checks the settings, so that a bad one stops the service at start. */
  public TestServiceConfig {
    requireNonNull(host, "host");
  }

  /** Reads the settings from {@code env}; unset or blank variables take their defaults. */
  public static TestServiceConfig from(Env env) {
    return new TestServiceConfig(env.string("HOST", DEFAULT_HOST), env.port("PORT", DEFAULT_PORT));
  }
}
