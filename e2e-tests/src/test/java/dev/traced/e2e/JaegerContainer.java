package dev.traced.e2e;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** The official Jaeger image, the one compose runs, with the repository's jaeger/ config. */
final class JaegerContainer implements Jaeger {

  /** The image of docker-compose.yml. */
  static final DockerImageName IMAGE =
      DockerImageName.parse("jaegertracing/jaeger:" + JaegerProcess.VERSION);

  private final GenericContainer<?> container;

  private JaegerContainer(GenericContainer<?> container) {
    this.container = container;
  }

  static JaegerContainer start() {
    GenericContainer<?> container =
        new GenericContainer<>(IMAGE)
            .withCopyFileToContainer(
                MountableFile.forHostPath(RepoFiles.jaegerConfig()), "/etc/jaeger/config.yaml")
            .withCopyFileToContainer(
                MountableFile.forHostPath(RepoFiles.jaegerUiConfig()), "/etc/jaeger/ui-config.json")
            .withCommand("--config", "/etc/jaeger/config.yaml")
            .withEnv("JAEGER_LISTEN_HOST", "0.0.0.0")
            .withExposedPorts(4318, 16686, 13133)
            .waitingFor(
                Wait.forHttp("/status").forPort(13133).withStartupTimeout(Duration.ofMinutes(2)));
    container.start();
    return new JaegerContainer(container);
  }

  @Override
  public URI otlpHttpEndpoint() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(4318));
  }

  @Override
  public URI queryUrl() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(16686));
  }

  @Override
  public void close() {
    container.stop();
  }
}
