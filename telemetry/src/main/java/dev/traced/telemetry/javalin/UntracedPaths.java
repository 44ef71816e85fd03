package dev.traced.telemetry.javalin;

import java.util.Set;

/**
 * Request paths that get no span: exact ({@code "/health"}), a prefix written as {@code
 * "/assets/*"}, or a suffix written as {@code "*.js"}.
 */
final class UntracedPaths {

  private final Set<String> patterns;

  UntracedPaths(Set<String> patterns) {
    this.patterns = Set.copyOf(patterns);
  }

  boolean contains(String path) {
    for (String pattern : patterns) {
      if (matches(pattern, path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String pattern, String path) {
    if (pattern.endsWith("/*")) {
      return path.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    if (pattern.startsWith("*")) {
      return path.endsWith(pattern.substring(1));
    }
    return path.equals(pattern);
  }
}
