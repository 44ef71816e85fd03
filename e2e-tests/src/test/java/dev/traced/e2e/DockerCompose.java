package dev.traced.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The docker compose CLI on one project made of compose files, as a user would type it. */
final class DockerCompose {

  private final String project;
  private final List<Path> files;

  DockerCompose(String project, List<Path> files) {
    this.project = project;
    this.files = List.copyOf(files);
  }

  String project() {
    return project;
  }

  /** {@code docker compose <arguments>} on this project; fails unless it succeeds in time. */
  Command.Result run(Duration timeout, String... arguments) {
    return Command.run(timeout, command(arguments)).orFail();
  }

  /** The command line of {@code docker compose <arguments>} on this project. */
  List<String> command(String... arguments) {
    List<String> command = new ArrayList<>(List.of("docker", "compose", "--project-name", project));
    for (Path file : files) {
      command.add("--file");
      command.add(file.toString());
    }
    command.addAll(List.of(arguments));
    return command;
  }
}
