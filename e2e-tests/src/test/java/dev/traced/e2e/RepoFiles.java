package dev.traced.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files of this repository that the tests use as they are shipped. */
public final class RepoFiles {

  private RepoFiles() {}

  /** The repository root, passed in by the build as {@code repo.root}. */
  public static Path root() {
    return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  }

  static Path composeFile() {
    return root().resolve("docker-compose.yml");
  }

  /** The scale-out topology, laid over {@link #composeFile()}. */
  static Path composeScaleFile() {
    return root().resolve("docker-compose.scale.yml");
  }

  static Path jaegerConfig() {
    return root().resolve("jaeger").resolve("config.yaml");
  }

  /** The storage file merged into {@link #jaegerConfig()}: {@code badger} or {@code memory}. */
  static Path jaegerStorageConfig(String storage) {
    return root().resolve("jaeger").resolve("storage-" + storage + ".yaml");
  }

  /** The config of one role of the scale-out topology: collector, ingester or storage. */
  static Path jaegerRoleConfig(String role) {
    return root().resolve("jaeger").resolve(role + ".yaml");
  }

  /** The overlay that turns on a Jaeger's own metrics (a second {@code --config}). */
  static Path jaegerMetricsConfig() {
    return root().resolve("jaeger").resolve("telemetry-metrics.yaml");
  }

  static Path jaegerUiConfig() {
    return root().resolve("jaeger").resolve("ui-config.json");
  }

  /** The JVM flags every service runs with. */
  static Path jvmOptions() {
    return root().resolve("jvm.options");
  }

  /** Deletes {@code dir} and all it holds, if it exists: a folder the tests made. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static Path installJaegerScript() {
    return root().resolve("scripts").resolve("install-jaeger.sh");
  }
}
