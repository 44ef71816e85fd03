package dev.traced.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command line run to its end within a deadline, its output captured. */
final class Command {

  private Command() {}

  /** What a finished command left: its exit code and what it wrote to stdout and stderr. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {

    boolean succeeded() {
      return exitCode == 0;
    }

    /** This result, or an error that names the command and quotes what it said. */
    Result orFail() {
      if (!succeeded()) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + exitCode + ":\n" + stderr + stdout);
      }
      return this;
    }
  }

  /**
   * Runs {@code command} with {@code environment} added to this JVM's; kills it and fails when it
   * has not finished within {@code timeout}.
   */
  static Result run(Duration timeout, Map<String, String> environment, List<String> command) {
    return run(timeout, null, environment, command);
  }

  /** As {@link #run(Duration, Map, List)}, in {@code directory} ({@code null}: this JVM's). */
  static Result run(
      Duration timeout, Path directory, Map<String, String> environment, List<String> command) {
    try {
      Path stdout = Files.createTempFile("command", ".out");
      Path stderr = Files.createTempFile("command", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(directory == null ? null : directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException(
              String.join(" ", command)
                  + " did not finish within "
                  + timeout
                  + ":\n"
                  + Files.readString(stderr)
                  + Files.readString(stdout));
        }
        return new Result(
            command, process.exitValue(), Files.readString(stdout), Files.readString(stderr));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  static Result run(Duration timeout, List<String> command) {
    return run(timeout, Map.of(), command);
  }
}
