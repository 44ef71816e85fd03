package dev.traced.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The Jaeger image that compose runs (the official one, or {@code JAEGER_IMAGE}), started with
 * {@code docker run} the way compose starts it: the repository's jaeger/ folder mounted, Badger
 * storage, its ports published on free loopback ports. Badger's folder stays inside the container,
 * which is removed with it.
 */
final class JaegerContainer implements Jaeger {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

  private final String containerId;
  private final int otlpHttpPort;
  private final int queryPort;

  private JaegerContainer(String containerId, int otlpHttpPort, int queryPort) {
    this.containerId = containerId;
    this.otlpHttpPort = otlpHttpPort;
    this.queryPort = queryPort;
  }

  static JaegerContainer start() {
    String image = Image.JAEGER.reference();
    DockerEngine.require(List.of(image));
    String containerId =
        DockerEngine.docker(
                COMMAND_TIMEOUT,
                "run",
                "--detach",
                "--publish",
                "127.0.0.1::4318",
                "--publish",
                "127.0.0.1::16686",
                "--publish",
                "127.0.0.1::13133",
                "--volume",
                RepoFiles.root().resolve("jaeger") + ":/etc/jaeger:ro",
                "--env",
                "JAEGER_LISTEN_HOST=0.0.0.0",
                image,
                "--config=/etc/jaeger/config.yaml",
                "--config=/etc/jaeger/storage-badger.yaml")
            .orFail()
            .stdout()
            .strip();
    JaegerContainer jaeger =
        new JaegerContainer(
            containerId, publishedPort(containerId, 4318), publishedPort(containerId, 16686));
    try {
      HealthCheck.await(
          "the Jaeger container",
          URI.create("http://127.0.0.1:" + publishedPort(containerId, 13133) + "/status"),
          Duration.ofMinutes(2),
          jaeger::isRunning);
      return jaeger;
    } catch (RuntimeException e) {
      jaeger.close();
      throw e;
    }
  }

  /** The loopback port that {@code containerPort} is published on ({@code docker port}). */
  private static int publishedPort(String containerId, int containerPort) {
    String published =
        DockerEngine.docker(COMMAND_TIMEOUT, "port", containerId, containerPort + "/tcp")
            .orFail()
            .stdout();
    String first = published.lines().findFirst().orElseThrow();
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1).strip());
  }

  private boolean isRunning() {
    return DockerEngine.docker(
            COMMAND_TIMEOUT, "inspect", "--format", "{{.State.Running}}", containerId)
        .stdout()
        .strip()
        .equals("true");
  }

  @Override
  public URI otlpHttpEndpoint() {
    return URI.create("http://127.0.0.1:" + otlpHttpPort);
  }

  @Override
  public URI queryUrl() {
    return URI.create("http://127.0.0.1:" + queryPort);
  }

  @Override
  public void close() {
    DockerEngine.docker(COMMAND_TIMEOUT, "rm", "--force", "--volumes", containerId);
  }
}
