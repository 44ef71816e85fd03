package dev.traced.loadgen;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of a load run, read from the environment.
 *
 * @param gatewayUrl where the gateway is ({@code GATEWAY_URL}, default {@value
 *     #DEFAULT_GATEWAY_URL})
 * @param rate requests per second in open mode ({@code LOADGEN_RATE}, default 2); 0 sends nothing
 * @param duration how long to send ({@code LOADGEN_DURATION} seconds, default 0 = until stopped)
 * @param mode open or closed loop ({@code LOADGEN_MODE}, default {@code open})
 * @param concurrency workers in closed mode, in-flight cap in open mode ({@code
 *     LOADGEN_CONCURRENCY}, default 4)
 * @param users the accounts to log in as ({@code LOADGEN_USERS}, default {@value #DEFAULT_USERS})
 * @param mix scenario weights ({@code LOADGEN_MIX}, default {@value #DEFAULT_MIX})
 * @param report where to write the JSON summary ({@code LOADGEN_REPORT}, default none)
 * @param warmup time at the start left out of the statistics ({@code LOADGEN_WARMUP} seconds,
 *     default 0)
 */
public record LoadConfig(
    URI gatewayUrl,
    double rate,
    Duration duration,
    Mode mode,
    int concurrency,
    List<Credentials> users,
    ScenarioMix mix,
    Optional<Path> report,
    Duration warmup) {

  /** Default of {@code GATEWAY_URL}. */
  public static final String DEFAULT_GATEWAY_URL = "http://localhost:8080";

  /** Default of {@code LOADGEN_RATE}: gentle enough to run beside a demo all day. */
  public static final double DEFAULT_RATE = 2;

  /** Default of {@code LOADGEN_CONCURRENCY}. */
  public static final int DEFAULT_CONCURRENCY = 4;

  /** Default of {@code LOADGEN_USERS}: the demo users of auth-service. */
  public static final String DEFAULT_USERS = "alice:wonderland,bob:builder";

  /** Default of {@code LOADGEN_MIX}: mostly normal use, a little of every failure. */
  public static final String DEFAULT_MIX =
      "happy=80,unknown-order=5,invalid-token=4,other-users-order=3,slow-database=3,order-failure=3,auth-unreachable=2";

  /** How requests are paced. */
  public enum Mode {
    /** A fixed arrival rate, whatever the latency: what real users do. */
    OPEN,
    /** A fixed number of workers, each sending its next request when the last one is answered. */
    CLOSED
  }

  /** Checks the settings against each other, so a bad combination fails at start. */
  public LoadConfig {
    requireNonNull(gatewayUrl, "gatewayUrl");
    requireNonNull(duration, "duration");
    requireNonNull(mode, "mode");
    users = List.copyOf(requireNonNull(users, "users"));
    requireNonNull(mix, "mix");
    requireNonNull(report, "report");
    requireNonNull(warmup, "warmup");
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(
          "LOADGEN_RATE must be a number >= 0, got " + Report.number(rate));
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("LOADGEN_CONCURRENCY must be >= 1, got " + concurrency);
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("LOADGEN_USERS must name at least one user");
    }
    if (mix.weight(Scenario.OTHER_USERS_ORDER) > 0 && users.size() < 2) {
      throw new IllegalArgumentException(
          "other-users-order needs two users in LOADGEN_USERS; add one or give it weight 0 in LOADGEN_MIX");
    }
    if (!duration.isZero() && warmup.compareTo(duration) >= 0) {
      throw new IllegalArgumentException(
          "LOADGEN_WARMUP ("
              + warmup.toSeconds()
              + " s) must be shorter than LOADGEN_DURATION ("
              + duration.toSeconds()
              + " s)");
    }
  }

  /**
   * Reads the settings from {@code env}, falling back to the documented defaults. A variable set to
   * an empty string counts as unset, as compose passes {@code ${VAR:-}} through that way.
   */
  public static LoadConfig fromEnv(Map<String, String> env) {
    String report = text(env, "LOADGEN_REPORT", "");
    return new LoadConfig(
        gatewayUrl(text(env, "GATEWAY_URL", DEFAULT_GATEWAY_URL)),
        number(env, "LOADGEN_RATE", DEFAULT_RATE),
        seconds(env, "LOADGEN_DURATION"),
        mode(text(env, "LOADGEN_MODE", "open")),
        (int) wholeNumber(env, "LOADGEN_CONCURRENCY", DEFAULT_CONCURRENCY),
        Credentials.parseList(text(env, "LOADGEN_USERS", DEFAULT_USERS)),
        ScenarioMix.parse(text(env, "LOADGEN_MIX", DEFAULT_MIX)),
        report.isEmpty() ? Optional.empty() : Optional.of(Path.of(report)),
        seconds(env, "LOADGEN_WARMUP"));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.getOrDefault(name, "").trim();
    return value.isEmpty() ? fallback : value;
  }

  private static URI gatewayUrl(String text) {
    URI uri;
    try {
      uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("GATEWAY_URL is not a URL: '" + text + "'", e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "GATEWAY_URL must be an http:// or https:// URL, got '" + text + "'");
    }
    return uri;
  }

  private static Mode mode(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "open" -> Mode.OPEN;
      case "closed" -> Mode.CLOSED;
      default ->
          throw new IllegalArgumentException(
              "LOADGEN_MODE must be open or closed, got '" + text + "'");
    };
  }

  private static Duration seconds(Map<String, String> env, String name) {
    long seconds = wholeNumber(env, name, 0);
    if (seconds < 0) {
      throw new IllegalArgumentException(
          name + " must be a whole number of seconds >= 0, got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  private static double number(Map<String, String> env, String name, double fallback) {
    return parsed(env, name, fallback, Double::parseDouble, "a number");
  }

  private static long wholeNumber(Map<String, String> env, String name, long fallback) {
    return parsed(env, name, fallback, text -> (long) Integer.parseInt(text), "a whole number");
  }

  /** {@code name} read by {@code parse}; {@code fallback} when unset, {@code rule} in the error. */
  private static <T> T parsed(
      Map<String, String> env, String name, T fallback, Function<String, T> parse, String rule) {
    String text = text(env, name, "");
    try {
      return text.isEmpty() ? fallback : parse.apply(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be " + rule + ", got '" + text + "'", e);
    }
  }
}
