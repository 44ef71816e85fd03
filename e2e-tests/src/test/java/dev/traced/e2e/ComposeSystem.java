package dev.traced.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/** docker-compose.yml as shipped, built and started through Testcontainers' compose support. */
final class ComposeSystem implements DeployedSystem {

  private final ComposeContainer compose;

  private ComposeSystem(ComposeContainer compose) {
    this.compose = compose;
  }

  static ComposeSystem start() {
    ComposeContainer compose =
        new ComposeContainer(RepoFiles.composeFile().toFile())
            .withBuild(true)
            .withExposedService(
                Service.GATEWAY.serviceName,
                Service.GATEWAY.defaultPort,
                Wait.forHttp("/health").withStartupTimeout(Duration.ofMinutes(10)))
            .withExposedService("jaeger", 16686, Wait.forListeningPort());
    compose.start();
    return new ComposeSystem(compose);
  }

  @Override
  public URI gatewayUrl() {
    return URI.create(
        "http://"
            + compose.getServiceHost(Service.GATEWAY.serviceName, Service.GATEWAY.defaultPort)
            + ":"
            + compose.getServicePort(Service.GATEWAY.serviceName, Service.GATEWAY.defaultPort));
  }

  @Override
  public URI jaegerQueryUrl() {
    return URI.create(
        "http://"
            + compose.getServiceHost("jaeger", 16686)
            + ":"
            + compose.getServicePort("jaeger", 16686));
  }

  @Override
  public String databaseSystem() {
    return "postgresql";
  }

  @Override
  public List<String> outputLines(Service service) {
    return container(service).getLogs().lines().toList();
  }

  @Override
  public void stop(Service service) {
    DockerClientFactory.lazyClient().stopContainerCmd(container(service).getContainerId()).exec();
  }

  @Override
  public void start(Service service) {
    ContainerState container = container(service);
    DockerClientFactory.lazyClient().startContainerCmd(container.getContainerId()).exec();
    // The image's HEALTHCHECK decides, as it does for compose's depends_on.
    for (int i = 0; i < 600 && !container.isHealthy(); i++) {
      HealthCheck.sleep(200);
    }
  }

  @Override
  public void close() {
    compose.stop();
  }

  private ContainerState container(Service service) {
    return compose
        .getContainerByServiceName(service.serviceName)
        .orElseThrow(() -> new IllegalStateException("no container for " + service.serviceName));
  }
}
