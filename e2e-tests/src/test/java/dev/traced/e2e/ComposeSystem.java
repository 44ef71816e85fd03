package dev.traced.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * docker-compose.yml as shipped, alone or with docker-compose.scale.yml laid over it, started the
 * way the README says: {@code docker compose up --build}. A small override file publishes the demo
 * page and Jaeger on free loopback ports instead of 8080 and 16686, which other programs on the
 * machine may hold, and points the links between the two at those ports.
 */
final class ComposeSystem implements DeployedSystem {

  /** One project name, so that a run first removes what an aborted run left behind. */
  static final String PROJECT = "traced-services-e2e";

  /** Graceful stop: the SIGTERM grace that compose gives a container before SIGKILL. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final DockerCompose compose;
  private final int gatewayPort;
  private final int jaegerPort;
  private final Instant upStarted;

  private ComposeSystem(DockerCompose compose, int gatewayPort, int jaegerPort, Instant upStarted) {
    this.compose = compose;
    this.gatewayPort = gatewayPort;
    this.jaegerPort = jaegerPort;
    this.upStarted = upStarted;
  }

  /** Builds and starts the whole file, and waits until every service is healthy or running. */
  static ComposeSystem start(Path workDir) {
    return start(
        workDir, List.of(RepoFiles.composeFile()), EnumSet.complementOf(EnumSet.of(Image.KAFKA)));
  }

  /**
   * As {@link #start(Path)}, with docker-compose.scale.yml laid over the file as the README shows:
   * collectors, Kafka and ingesters in front of the storage node, which keeps the service name
   * {@code jaeger}.
   */
  static ComposeSystem startScaleOut(Path workDir) {
    return start(
        workDir,
        List.of(RepoFiles.composeFile(), RepoFiles.composeScaleFile()),
        EnumSet.allOf(Image.class));
  }

  private static ComposeSystem start(Path workDir, List<Path> files, Set<Image> images) {
    DockerEngine.require(images.stream().map(Image::reference).toList());
    int gatewayPort = FreePorts.next();
    int jaegerPort = FreePorts.next();
    List<Path> withOverride = new ArrayList<>(files);
    withOverride.add(writeOverride(workDir, gatewayPort, jaegerPort));
    DockerCompose compose = new DockerCompose(PROJECT, withOverride);
    removeEverything(compose); // what an aborted run left behind

    Instant upStarted = Instant.now();
    try {
      compose.run(UP_TIMEOUT, "up", "--build", "--detach", "--wait", "--wait-timeout", "600");
    } catch (RuntimeException e) {
      removeEverything(compose); // what did start must not outlive the failed test
      throw e;
    }
    // Reported, not asserted: how long a user waits on this machine, cold or warm.
    Duration took = Duration.between(upStarted, Instant.now());
    System.out.printf(
        "[e2e] docker compose up --build --wait of %s took %.1f s%n",
        files.stream().map(Path::getFileName).toList(), took.toMillis() / 1000.0);
    return new ComposeSystem(compose, gatewayPort, jaegerPort, upStarted);
  }

  /**
   * The override: every other setting is the shipped file's. {@code !override} replaces the
   * published ports instead of adding to them (compose 2.24 and newer).
   */
  private static Path writeOverride(Path workDir, int gatewayPort, int jaegerPort) {
    Path uiConfigDir = workDir.resolve("jaeger-ui");
    JaegerUiConfig.linkingTo(URI.create("http://127.0.0.1:" + gatewayPort), uiConfigDir);
    String override =
        """
        services:
          jaeger:
            ports: !override
              - "127.0.0.1:%2$d:16686"
            environment:
              JAEGER_UI_CONFIG: /etc/jaeger-e2e/ui-config.json
            volumes:
              - "%3$s:/etc/jaeger-e2e:ro"
          gateway-service:
            ports: !override
              - "127.0.0.1:%1$d:8080"
            environment:
              JAEGER_UI_URL: http://127.0.0.1:%2$d
        """
            .formatted(gatewayPort, jaegerPort, uiConfigDir.toAbsolutePath());
    try {
      Files.createDirectories(workDir);
      return Files.writeString(workDir.resolve("compose.e2e.yml"), override);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the engine did with this project's containers since {@code up} began, in order. */
  List<ContainerEvent> events() {
    return events(upStarted);
  }

  /** What the engine did with this project's containers since {@code since}, in order. */
  List<ContainerEvent> events(Instant since) {
    Command.Result events =
        DockerEngine.docker(
                COMMAND_TIMEOUT,
                "events",
                "--since",
                String.valueOf(since.getEpochSecond() - 1),
                "--until",
                String.valueOf(Instant.now().getEpochSecond() + 1),
                "--filter",
                "type=container",
                "--filter",
                "label=com.docker.compose.project=" + PROJECT,
                "--format",
                "{{json .}}")
            .orFail();
    return events
        .stdout()
        .lines()
        .map(ContainerEvent::parse)
        .filter(e -> !e.time().isBefore(since))
        .toList();
  }

  /**
   * One event of a container of the project: {@code start}, {@code health_status: healthy}, {@code
   * kill} (with the {@code signal} attribute), {@code die} (with {@code exitCode}), ....
   */
  record ContainerEvent(
      Instant time, String action, String service, Map<String, String> attributes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ContainerEvent parse(String json) {
      try {
        JsonNode event = JSON.readTree(json);
        Map<String, String> attributes = new TreeMap<>();
        event
            .path("Actor")
            .path("Attributes")
            .fields()
            .forEachRemaining(field -> attributes.put(field.getKey(), field.getValue().asText()));
        return new ContainerEvent(
            Instant.ofEpochSecond(0, event.path("timeNano").asLong()),
            event.path("Action").asText(),
            attributes.getOrDefault("com.docker.compose.service", ""),
            attributes);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not a docker event: " + json, e);
      }
    }
  }

  /**
   * {@code docker compose down} of {@code services}, what a user's {@code down} does to them:
   * SIGTERM, then SIGKILL after {@link #STOP_GRACE}. Returns how long it took.
   */
  Duration down(List<String> services) {
    List<String> down =
        new ArrayList<>(List.of("down", "--timeout", String.valueOf(STOP_GRACE.toSeconds())));
    down.addAll(services);
    Instant started = Instant.now();
    compose.run(COMMAND_TIMEOUT, down.toArray(String[]::new));
    return Duration.between(started, Instant.now());
  }

  /** {@code docker compose exec} of {@code command} in the running container of {@code service}. */
  Command.Result exec(String service, String... command) {
    List<String> exec = new ArrayList<>(List.of("exec", "-T", service));
    exec.addAll(List.of(command));
    return compose.run(COMMAND_TIMEOUT, exec.toArray(String[]::new));
  }

  @Override
  public URI gatewayUrl() {
    return URI.create("http://127.0.0.1:" + gatewayPort);
  }

  @Override
  public URI jaegerQueryUrl() {
    return URI.create("http://127.0.0.1:" + jaegerPort);
  }

  @Override
  public String databaseSystem() {
    return "postgresql";
  }

  /** {@code docker compose logs} of the service, as the README's grep reads them. */
  @Override
  public List<String> outputLines(Service service) {
    return compose
        .run(COMMAND_TIMEOUT, "logs", "--no-log-prefix", "--no-color", service.serviceName)
        .stdout()
        .lines()
        .toList();
  }

  @Override
  public void stop(Service service) {
    compose.run(COMMAND_TIMEOUT, "stop", service.serviceName);
  }

  /** Starts the stopped container again; its HEALTHCHECK decides when it is back. */
  @Override
  public void start(Service service) {
    compose.run(
        COMMAND_TIMEOUT,
        "up",
        "--detach",
        "--wait",
        "--no-build",
        "--no-recreate",
        "--no-deps",
        service.serviceName);
  }

  /** {@code docker compose kill} of {@code service} with SIGKILL: a crash, nothing cleaned up. */
  void crash(String service) {
    compose.run(COMMAND_TIMEOUT, "kill", "--signal", "SIGKILL", service);
  }

  /**
   * Replaces the container of {@code service} with a new one from the same image and settings, as
   * {@code down} and {@code up} would, leaving the others alone: the old container goes with its
   * anonymous volumes (the Jaeger image declares {@code /tmp} one), so only named volumes carry
   * over.
   */
  void recreate(String service) {
    compose.run(COMMAND_TIMEOUT, "rm", "--stop", "--force", "--volumes", service);
    compose.run(COMMAND_TIMEOUT, "up", "--detach", "--no-build", "--no-deps", service);
  }

  @Override
  public void close() {
    removeEverything(compose);
  }

  /** {@code docker compose down}: containers, network and volumes of the project. */
  private static void removeEverything(DockerCompose compose) {
    compose.run(
        COMMAND_TIMEOUT,
        "down",
        "--volumes",
        "--remove-orphans",
        "--timeout",
        String.valueOf(STOP_GRACE.toSeconds()));
  }
}
