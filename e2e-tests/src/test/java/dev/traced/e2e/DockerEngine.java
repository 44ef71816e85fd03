package dev.traced.e2e;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker engine that the docker CLI reaches ({@code DOCKER_HOST}, or its default socket), asked
 * through the CLI itself: one call with a deadline, nothing pulled to find out.
 */
final class DockerEngine {

  /** What a machine without an engine or a registry runs to get both the engine and the images. */
  static final String HOW_TO_GET_ONE =
      "eval \"$(scripts/docker-engine.sh start)\" starts a local engine with local stand-ins for"
          + " the images";

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

  private DockerEngine() {}

  /** Why no engine can be used, with the address asked; empty when one answers. */
  static Optional<String> unavailable() {
    return unavailable(Map.of());
  }

  /** As {@link #unavailable()}, with {@code environment} (e.g. another DOCKER_HOST) for the CLI. */
  static Optional<String> unavailable(Map<String, String> environment) {
    String address =
        environment.getOrDefault(
            "DOCKER_HOST", System.getenv().getOrDefault("DOCKER_HOST", "the default socket"));
    Command.Result version;
    try {
      version =
          Command.run(
              PROBE_TIMEOUT,
              environment,
              List.of("docker", "version", "--format", "{{.Server.Version}}"));
    } catch (UncheckedIOException e) {
      return Optional.of("no docker CLI on the PATH to ask an engine");
    } catch (IllegalStateException e) {
      return Optional.of("no Docker engine answered at " + address + " within " + PROBE_TIMEOUT);
    }
    if (version.succeeded()) {
      return Optional.empty();
    }
    String said =
        version.stderr().lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("");
    return Optional.of("no Docker engine answers at " + address + ": " + said);
  }

  /**
   * Fails unless an engine answers and holds each of {@code images}, pulling those it lacks once,
   * without retries: an engine that reaches no registry fails at once, naming the images.
   */
  static void require(List<String> images) {
    unavailable()
        .ifPresent(
            reason -> {
              throw new AssertionError(reason + "; " + HOW_TO_GET_ONE);
            });
    List<String> missing = new ArrayList<>();
    for (String image : images) {
      if (!has(image) && !pull(image)) {
        missing.add(image);
      }
    }
    if (!missing.isEmpty()) {
      throw new AssertionError(
          "the Docker engine lacks " + missing + " and could not pull them; " + HOW_TO_GET_ONE);
    }
  }

  private static boolean has(String image) {
    return docker(PROBE_TIMEOUT, "image", "inspect", "--format", "{{.Id}}", image).succeeded();
  }

  /** Every image the engine holds, as repository:tag. */
  static List<String> images() {
    return docker(PROBE_TIMEOUT, "image", "ls", "--format", "{{.Repository}}:{{.Tag}}")
        .orFail()
        .stdout()
        .lines()
        .toList();
  }

  private static boolean pull(String image) {
    return docker(PULL_TIMEOUT, "pull", "--quiet", image).succeeded();
  }

  static Command.Result docker(Duration timeout, String... arguments) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(arguments));
    return Command.run(timeout, command);
  }
}
