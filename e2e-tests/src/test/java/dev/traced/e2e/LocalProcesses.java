package dev.traced.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * gateway, auth and order as three separate JVMs started from their runnable jars, with the
 * environment compose gives them, sending spans to {@code jaeger}. Context crosses from one to the
 * next through HTTP headers and nothing else.
 */
public final class LocalProcesses implements DeployedSystem {

  private final Jaeger jaeger;
  private final Database database;
  private final Path workDir;
  private final Map<String, String> extraEnvironment;
  private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
  private final Map<Service, ManagedProcess> running = new EnumMap<>(Service.class);
  private final Map<Service, Duration> startupTimes = new EnumMap<>(Service.class);

  private LocalProcesses(
      Jaeger jaeger,
      Database database,
      Path workDir,
      Map<Service, Integer> ports,
      Map<String, String> extraEnvironment) {
    this.jaeger = jaeger;
    this.database = database;
    this.workDir = workDir;
    this.ports.putAll(ports);
    this.extraEnvironment = Map.copyOf(extraEnvironment);
  }

  /** A free loopback port for each service. */
  static Map<Service, Integer> freePorts() {
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, FreePorts.next());
    }
    return ports;
  }

  /**
   * The Jaeger binary and the three services, their output under {@code e2e-tests/target/<name>},
   * emptied first so that the logs hold this run only. Jaeger's UI links back to this gateway.
   */
  static LocalProcesses withJaegerBinary(String name) {
    Path workDir = RepoFiles.root().resolve("e2e-tests/target").resolve(name);
    try {
      RepoFiles.deleteRecursively(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path binary = Backends.jaegerBinary();
    Database database = Backends.database(workDir);
    Map<Service, Integer> ports = freePorts();
    Path uiConfig = JaegerUiConfig.linkingTo(url(ports, Service.GATEWAY), workDir);
    Jaeger jaeger = JaegerProcess.start(binary, workDir, uiConfig);
    try {
      return start(jaeger, database, workDir, ports, Map.of());
    } catch (RuntimeException e) {
      jaeger.close();
      throw e;
    }
  }

  /** Starts order, then auth, then gateway, each once the one it calls is healthy. */
  static LocalProcesses start(Jaeger jaeger, Database database, Path workDir) {
    return start(jaeger, database, workDir, Map.of());
  }

  /**
   * Like {@link #start(Jaeger, Database, Path)}, with {@code extraEnvironment} added to every
   * service's (a benchmark turns the SDK off that way).
   */
  public static LocalProcesses start(
      Jaeger jaeger, Database database, Path workDir, Map<String, String> extraEnvironment) {
    return start(jaeger, database, workDir, freePorts(), extraEnvironment);
  }

  /**
   * Like {@link #start(Jaeger, Database, Path, Map)}, each service on its port in {@code ports}, so
   * that a caller can put something in front of a service before it starts.
   */
  static LocalProcesses start(
      Jaeger jaeger,
      Database database,
      Path workDir,
      Map<Service, Integer> ports,
      Map<String, String> extraEnvironment) {
    LocalProcesses system = new LocalProcesses(jaeger, database, workDir, ports, extraEnvironment);
    try {
      system.start(Service.ORDER);
      system.start(Service.AUTH);
      system.start(Service.GATEWAY);
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
    return system;
  }

  @Override
  public void start(Service service) {
    Path jar = service.jar();
    if (!jar.toFile().isFile()) {
      throw new IllegalStateException(jar + " is missing: run ./mvnw package first");
    }
    Map<String, String> environment =
        new HashMap<>(
            ServiceEnvironment.of(
                service,
                jaeger.otlpHttpEndpoint(service),
                jaeger.queryUrl(),
                jaeger.traceSampling(),
                ports,
                database));
    environment.putAll(extraEnvironment);
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "@" + RepoFiles.jvmOptions()));
    command.addAll(classDataSharing(service));
    command.addAll(List.of("-jar", jar.toString()));
    long started = System.nanoTime();
    ManagedProcess process =
        ManagedProcess.start(
            service.serviceName,
            command,
            environment,
            workDir.resolve(service.serviceName + ".log"));
    running.put(service, process);
    HealthCheck.await(
        service.serviceName,
        url(service).resolve("/health"),
        Duration.ofSeconds(60),
        process::isAlive);
    startupTimes.put(service, Duration.ofNanos(System.nanoTime() - started));
  }

  @Override
  public void stop(Service service) {
    ManagedProcess process = running.remove(service);
    if (process != null) {
      process.close();
    }
  }

  /** Kills {@code service} with SIGKILL, as a crash or the OOM killer would. */
  void kill(Service service) {
    ManagedProcess process = running.remove(service);
    if (process != null) {
      process.kill();
    }
  }

  /** Where order-service stores its orders. */
  Database database() {
    return database;
  }

  /** The process id of {@code service}, for reading its memory. */
  public long pid(Service service) {
    return running.get(service).pid();
  }

  /** From starting the JVM of {@code service} to its first healthy answer, last start. */
  public Duration startupTime(Service service) {
    return startupTimes.get(service);
  }

  @Override
  public URI gatewayUrl() {
    return url(Service.GATEWAY);
  }

  @Override
  public URI jaegerQueryUrl() {
    return jaeger.queryUrl();
  }

  @Override
  public String databaseSystem() {
    return database.system();
  }

  @Override
  public List<String> outputLines(Service service) {
    try {
      return Files.readAllLines(workDir.resolve(service.serviceName + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the services in reverse order, each draining and flushing its spans, then Jaeger. */
  @Override
  public void close() {
    stopServices();
    jaeger.close();
  }

  /** Stops the services in reverse order and leaves Jaeger running for the next start. */
  public void stopServices() {
    stop(Service.GATEWAY);
    stop(Service.AUTH);
    stop(Service.ORDER);
  }

  private URI url(Service service) {
    return url(ports, service);
  }

  private static URI url(Map<Service, Integer> ports, Service service) {
    return URI.create("http://127.0.0.1:" + ports.get(service));
  }

  /**
   * Maps the class-data archive the build trained on this jar, as every deployment does: the
   * service starts in about half the time. An archive older than its jar (one built with {@code
   * -Dcds.skip}) is left out, because the JVM would refuse it with a warning line that is not JSON.
   */
  private static List<String> classDataSharing(Service service) {
    Path archive = service.classDataArchive();
    try {
      if (Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(service.jar()))
              > 0) {
        return List.of("-XX:SharedArchiveFile=" + archive);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
