package dev.traced.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real Jaeger binary, run with the repository's jaeger/config.yaml on free loopback ports. */
public final class JaegerProcess implements Jaeger {

  /** The Jaeger release that compose runs and scripts/install-jaeger.sh builds: {@value}. */
  static final String VERSION = "2.13.0";

  private final Path binary;
  private final Path workDir;
  private final Map<String, String> env;
  private final int otlpHttpPort;
  private final int queryPort;
  private final int healthPort;
  private ManagedProcess process;

  private JaegerProcess(
      Path binary,
      Path workDir,
      Map<String, String> env,
      int otlpHttpPort,
      int queryPort,
      int healthPort) {
    this.binary = binary;
    this.workDir = workDir;
    this.env = env;
    this.otlpHttpPort = otlpHttpPort;
    this.queryPort = queryPort;
    this.healthPort = healthPort;
  }

  /** The binary to run: {@code JAEGER_BIN}, or the build that scripts/install-jaeger.sh caches. */
  static Optional<Path> locate(Map<String, String> env) {
    String configured = env.get("JAEGER_BIN");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    Path cached = Backends.installCache(env).resolve("jaeger-" + VERSION).resolve("jaeger");
    return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
  }

  /** Starts {@code binary}; its output goes to {@code workDir}/jaeger.log. */
  public static JaegerProcess start(Path binary, Path workDir) {
    return start(binary, workDir, RepoFiles.jaegerUiConfig());
  }

  /** As {@link #start(Path, Path)}, the UI configured by {@code uiConfig} (its links). */
  static JaegerProcess start(Path binary, Path workDir, Path uiConfig) {
    int otlpHttpPort = FreePorts.next();
    int queryPort = FreePorts.next();
    int healthPort = FreePorts.next();
    Map<String, String> env =
        Map.of(
            "JAEGER_LISTEN_HOST", "127.0.0.1",
            "JAEGER_OTLP_HTTP_PORT", String.valueOf(otlpHttpPort),
            "JAEGER_OTLP_GRPC_PORT", String.valueOf(FreePorts.next()),
            "JAEGER_QUERY_PORT", String.valueOf(queryPort),
            "JAEGER_QUERY_GRPC_PORT", String.valueOf(FreePorts.next()),
            "JAEGER_HEALTH_PORT", String.valueOf(healthPort),
            "JAEGER_UI_CONFIG", uiConfig.toString());
    JaegerProcess jaeger =
        new JaegerProcess(binary, workDir, env, otlpHttpPort, queryPort, healthPort);
    jaeger.launch();
    return jaeger;
  }

  /** Starts the binary on this instance's ports and waits until it is healthy. */
  private void launch() {
    process =
        ManagedProcess.start(
            "jaeger",
            List.of(binary.toString(), "--config", RepoFiles.jaegerConfig().toString()),
            env,
            workDir.resolve("jaeger.log"));
    try {
      HealthCheck.await(
          "jaeger",
          URI.create("http://127.0.0.1:" + healthPort + "/status"),
          Duration.ofSeconds(30),
          process::isAlive);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Stops Jaeger (SIGTERM): the services' exports are refused until {@link #restart()}. */
  void stop() {
    process.close();
  }

  /** Starts Jaeger again on the same ports, with empty storage. */
  void restart() {
    launch();
  }

  /**
   * Freezes Jaeger (SIGSTOP): connections are still accepted by the kernel but never answered, the
   * way a hung or overloaded backend behaves, until {@link #resume()}.
   */
  void pause() {
    process.signal("STOP");
  }

  /** Lets a paused Jaeger run again (SIGCONT). */
  void resume() {
    process.signal("CONT");
  }

  /** The process id of the running Jaeger, for reading its memory. */
  public long pid() {
    return process.pid();
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
    process.close();
  }
}
