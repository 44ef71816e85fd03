package dev.traced.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The programs that the scripts/install-*.sh scripts build from source and cache under {@code
 * ~/.cache/traced-services/}, each of which a variable can name instead.
 */
final class CachedBuilds {

  private CachedBuilds() {}

  /**
   * The binary that {@code variable} names in {@code env}, or else {@code binary} in the cache's
   * folder {@code build} (e.g. {@code jaeger-2.13.0}) where the install script left it.
   */
  static Optional<Path> locate(
      Map<String, String> env, String variable, String build, String binary) {
    String configured = env.get(variable);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    Path cached = folder(env).resolve(build).resolve(binary);
    return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
  }

  /** Where the install scripts keep what they build: {@code ~/.cache/traced-services}. */
  static Path folder(Map<String, String> env) {
    String cacheHome =
        env.getOrDefault(
            "XDG_CACHE_HOME", Path.of(System.getProperty("user.home"), ".cache").toString());
    return Path.of(cacheHome, "traced-services");
  }
}
