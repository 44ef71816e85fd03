package dev.traced.e2e;

import java.nio.file.Path;

/** Files of this repository that the tests use as they are shipped. */
final class RepoFiles {

  private RepoFiles() {}

  /** The repository root, passed in by the build as {@code repo.root}. */
  static Path root() {
    return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  }

  static Path composeFile() {
    return root().resolve("docker-compose.yml");
  }

  static Path jaegerConfig() {
    return root().resolve("jaeger").resolve("config.yaml");
  }

  static Path jaegerUiConfig() {
    return root().resolve("jaeger").resolve("ui-config.json");
  }

  /** The JVM flags every service runs with. */
  static Path jvmOptions() {
    return root().resolve("jvm.options");
  }

  static Path installJaegerScript() {
    return root().resolve("scripts").resolve("install-jaeger.sh");
  }
}
