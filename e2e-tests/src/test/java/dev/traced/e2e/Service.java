package dev.traced.e2e;

import java.nio.file.Path;

/** The three services, by the names they have in docker-compose.yml, Jaeger and the jars. */
public enum Service {
  GATEWAY("gateway-service", 8080),
  AUTH("auth-service", 8081),
  ORDER("order-service", 8082);

  /** Service name: compose service, Maven module, OTEL_SERVICE_NAME and Jaeger service. */
  public final String serviceName;

  /** The port the service listens on by default and in compose. */
  final int defaultPort;

  Service(String serviceName, int defaultPort) {
    this.serviceName = serviceName;
    this.defaultPort = defaultPort;
  }

  /** The runnable jar that {@code ./mvnw package} builds. */
  Path jar() {
    return target().resolve(serviceName + ".jar");
  }

  /** The class-data archive that {@code ./mvnw package} trains on {@link #jar()}. */
  Path classDataArchive() {
    return target().resolve(serviceName + ".jsa");
  }

  private Path target() {
    return RepoFiles.root().resolve(serviceName).resolve("target");
  }
}
