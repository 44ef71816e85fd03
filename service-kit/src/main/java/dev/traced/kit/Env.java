package dev.traced.kit;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Reads a service's settings from plain environment variables, the same way in every service:
 *
 * <ul>
 *   <li>a variable that is unset, empty or blank takes its default;
 *   <li>a value is used without its surrounding whitespace;
 *   <li>a value that breaks the rule fails start-up with an {@link IllegalArgumentException} that
 *       names the variable, the rule and the value: {@code PORT must be a whole number 0..65535,
 *       got 'http'}.
 * </ul>
 *
 * <p>Telemetry is not read here: the OpenTelemetry SDK reads its own {@code OTEL_*} variables.
 */
public final class Env {

  private final Map<String, String> variables;

  private Env(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** Settings from {@code variables}, e.g. {@code System.getenv()} or a test's map. */
  public static Env of(Map<String, String> variables) {
    return new Env(requireNonNull(variables, "variables"));
  }

  /** The value of {@code name}, or {@code defaultValue}. */
  public String string(String name, String defaultValue) {
    String value = raw(name);
    return value == null ? defaultValue : value;
  }

  /** A TCP port to listen on, 0 meaning any free one. */
  public int port(String name, int defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    Integer port = parseInt(value);
    if (port == null || port < 0 || port > 65535) {
      throw invalid(name, "a whole number 0..65535", value);
    }
    return port;
  }

  /** A positive whole number of milliseconds. */
  public Duration millis(String name, Duration defaultValue) {
    return positive(name, defaultValue, Duration::ofMillis);
  }

  /** A positive whole number of seconds. */
  public Duration seconds(String name, Duration defaultValue) {
    return positive(name, defaultValue, Duration::ofSeconds);
  }

  /** An absolute {@code http} or {@code https} URL with a host. */
  public URI httpUrl(String name, String defaultValue) {
    String value = string(name, defaultValue);
    try {
      URI url = new URI(value);
      if (("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
          && url.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // Reported below, like any other value that is not an http(s) URL.
    }
    throw invalid(name, "an http(s) URL with a host", value);
  }

  /** A comma-separated list; members are trimmed and empty ones dropped. Empty by default. */
  public Set<String> list(String name) {
    String value = raw(name);
    if (value == null) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(member -> !member.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** {@code true} or {@code false}, written in any letter case. */
  public boolean flag(String name, boolean defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw invalid(name, "true or false", value);
  }

  /** One of the constants of {@code type}, written in any letter case. */
  public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    String choices =
        Arrays.stream(type.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(" or "));
    throw invalid(name, choices, value);
  }

  private <T> T positive(String name, T defaultValue, LongFunction<T> unit) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    Integer amount = parseInt(value);
    if (amount == null || amount <= 0) {
      throw invalid(name, "a positive whole number", value);
    }
    return unit.apply(amount);
  }

  /** The trimmed value, or {@code null} when unset or blank. */
  private String raw(String name) {
    String value = variables.get(requireNonNull(name, "name"));
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Integer parseInt(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static IllegalArgumentException invalid(String name, String rule, String value) {
    return new IllegalArgumentException(name + " must be " + rule + ", got '" + value + "'");
  }
}
