package dev.traced.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jaeger's scale-out topology as processes on loopback: two collectors (jaeger/collector.yaml) that
 * write spans to Kafka keyed by trace id, a Kafka broker with a topic of {@value #PARTITIONS}
 * partitions, two ingesters (jaeger/ingester.yaml) in one consumer group that sample whole traces,
 * two replicas of them in a second group that share the partitions again and make the same
 * decisions, and the storage node (jaeger/storage.yaml) that keeps them in Badger and answers
 * queries.
 *
 * <p>The services are spread over the collectors: gateway and order send to the first, auth to the
 * second, so every trace reaches Kafka through both.
 */
public final class ScalePipeline implements Jaeger {

  static final String TOPIC = "jaeger-spans";

  static final int PARTITIONS = 4;

  /** The consumer group of the ingesters that share the partitions, as ingester.yaml names it. */
  static final String INGESTER_GROUP = "jaeger-ingesters";

  /** The consumer group of their replicas, which share the partitions again. */
  static final String REPLICA_GROUP = "jaeger-ingesters-replica";

  /**
   * What each role's resident memory stays below, in MiB: the memory_limiter's limit_mib in its
   * config (the Go heap) plus about 100 MiB for the binary's code and the Go runtime.
   */
  private static final Map<String, Long> MAX_RSS_MIB =
      Map.of("collector", 300L, "ingester", 420L, "storage", 420L);

  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(30);

  private final Path binary;
  private final Path workDir;
  private final boolean withMetrics;
  private final List<AutoCloseable> started = new ArrayList<>();
  private KafkaProcess kafka;
  private Node storage;
  private final List<Node> ingesters = new ArrayList<>();
  private final List<Node> replicas = new ArrayList<>();
  private final List<Node> collectors = new ArrayList<>();

  private ScalePipeline(Path binary, Path workDir, boolean withMetrics) {
    this.binary = binary;
    this.workDir = workDir;
    this.withMetrics = withMetrics;
  }

  /**
   * Starts Kafka, then the storage node, the ingesters and the collectors, each once healthy, in
   * the order data flows backwards, so nothing sends to a part not yet there.
   */
  static ScalePipeline start(Path jaegerBinary, Path kafkaHome, Path workDir) {
    return new ScalePipeline(jaegerBinary, workDir, false).startAll(kafkaHome);
  }

  /**
   * As {@link #start(Path, Path, Path)}, every Jaeger also serving its own metrics
   * (jaeger/telemetry-metrics.yaml laid over its config) on a port of its own: see {@link
   * #metricsUrls}. For a benchmark that counts the spans each tier took and handed on.
   */
  public static ScalePipeline startWithMetrics(Path jaegerBinary, Path kafkaHome, Path workDir) {
    return new ScalePipeline(jaegerBinary, workDir, true).startAll(kafkaHome);
  }

  private ScalePipeline startAll(Path kafkaHome) {
    try {
      kafka = KafkaProcess.start(kafkaHome, workDir);
      started.add(kafka);
      kafka.createTopic(TOPIC, PARTITIONS);
      startStorage();
      for (int i = 1; i <= 2; i++) {
        ingesters.add(launchIngester("jaeger-ingester-" + i, INGESTER_GROUP));
        replicas.add(launchIngester("jaeger-ingester-replica-" + i, REPLICA_GROUP));
      }
      startCollector();
      startCollector();
    } catch (RuntimeException | AssertionError e) {
      close();
      throw e;
    }
    return this;
  }

  private void startStorage() {
    int otlpGrpcPort = FreePorts.next();
    int remoteStoragePort = FreePorts.next();
    int queryPort = FreePorts.next();
    Map<String, String> env = new HashMap<>();
    env.put("JAEGER_OTLP_GRPC_PORT", String.valueOf(otlpGrpcPort));
    env.put("JAEGER_REMOTE_STORAGE_PORT", String.valueOf(remoteStoragePort));
    env.put("JAEGER_QUERY_PORT", String.valueOf(queryPort));
    env.put("JAEGER_QUERY_GRPC_PORT", String.valueOf(FreePorts.next()));
    env.put("JAEGER_UI_CONFIG", RepoFiles.jaegerUiConfig().toString());
    env.put("JAEGER_DATA_DIR", workDir.resolve("jaeger-data").toString());
    storage =
        launch(
            "jaeger-storage",
            "storage",
            env,
            Map.of(
                "otlp-grpc",
                otlpGrpcPort,
                "remote-storage",
                remoteStoragePort,
                "query",
                queryPort));
  }

  /** Starts one more ingester, which joins the others' consumer group. */
  void startIngester() {
    ingesters.add(launchIngester("jaeger-ingester-" + (ingesters.size() + 1), INGESTER_GROUP));
  }

  private Node launchIngester(String name, String consumerGroup) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("KAFKA_TOPIC", TOPIC);
    env.put("KAFKA_CONSUMER_GROUP", consumerGroup);
    env.put("JAEGER_STORAGE_GRPC_ENDPOINT", "127.0.0.1:" + storage.ports.get("remote-storage"));
    env.put("JAEGER_STORAGE_OTLP_ENDPOINT", "127.0.0.1:" + storage.ports.get("otlp-grpc"));
    return launch(name, "ingester", env, Map.of());
  }

  private void startCollector() {
    int otlpHttpPort = FreePorts.next();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", kafka.bootstrapServers());
    env.put("KAFKA_TOPIC", TOPIC);
    env.put("JAEGER_OTLP_HTTP_PORT", String.valueOf(otlpHttpPort));
    env.put("JAEGER_OTLP_GRPC_PORT", String.valueOf(FreePorts.next()));
    collectors.add(
        launch(
            "jaeger-collector-" + (collectors.size() + 1),
            "collector",
            env,
            Map.of("otlp-http", otlpHttpPort)));
  }

  /**
   * Starts the Jaeger binary with the config of {@code role} and waits until it is healthy; {@code
   * ports} are those of its listeners that others use, by purpose.
   */
  private Node launch(
      String name, String role, Map<String, String> roleEnv, Map<String, Integer> ports) {
    int healthPort = FreePorts.next();
    Map<String, String> env = new HashMap<>(roleEnv);
    env.put("JAEGER_LISTEN_HOST", "127.0.0.1");
    env.put("JAEGER_HEALTH_PORT", String.valueOf(healthPort));
    List<String> command =
        new ArrayList<>(
            List.of(binary.toString(), "--config", RepoFiles.jaegerRoleConfig(role).toString()));
    Map<String, Integer> allPorts = new HashMap<>(ports);
    if (withMetrics) {
      int metricsPort = FreePorts.next();
      env.put("JAEGER_METRICS_PORT", String.valueOf(metricsPort));
      command.addAll(List.of("--config", RepoFiles.jaegerMetricsConfig().toString()));
      allPorts.put("metrics", metricsPort);
    }
    ManagedProcess process =
        ManagedProcess.start(name, command, env, workDir.resolve(name + ".log"));
    started.add(process);
    HealthCheck.await(
        name,
        URI.create("http://127.0.0.1:" + healthPort + "/status"),
        STARTUP_DEADLINE,
        process::isAlive);
    return new Node(process, role, allPorts);
  }

  /** The broker, for reading what the collectors wrote. */
  KafkaProcess kafka() {
    return kafka;
  }

  /**
   * Every running process of the topology by name (kafka, jaeger-storage, jaeger-ingester-1, ...),
   * with its process id and the resident memory it must stay below.
   */
  List<ProcessMemory.Watched> processes() {
    List<ProcessMemory.Watched> processes = new ArrayList<>();
    if (kafka.isAlive()) {
      processes.add(new ProcessMemory.Watched("kafka", kafka.pid(), KafkaProcess.MAX_RSS_MIB));
    }
    List<Node> nodes = new ArrayList<>(List.of(storage));
    nodes.addAll(ingesters);
    nodes.addAll(replicas);
    nodes.addAll(collectors);
    for (Node node : nodes) {
      if (node.process.isAlive()) {
        processes.add(
            new ProcessMemory.Watched(
                node.process.name(), node.process.pid(), MAX_RSS_MIB.get(node.role)));
      }
    }
    return processes;
  }

  /** Stops ingester {@code index} with SIGTERM and waits until it has exited. */
  void stopIngester(int index) {
    ingesters.get(index).process.close();
  }

  /** Kills ingester {@code index} with SIGKILL, as a crash would, and waits until it is gone. */
  void killIngester(int index) {
    ingesters.get(index).process.kill();
  }

  /** Kills replica {@code index} with SIGKILL, as a crash would, and waits until it is gone. */
  void killReplica(int index) {
    replicas.get(index).process.kill();
  }

  /** The first collector: what a single OTLP endpoint means here. */
  @Override
  public URI otlpHttpEndpoint() {
    return otlpHttpEndpoint(Service.GATEWAY);
  }

  /** gateway and order send to the first collector, auth to the second. */
  @Override
  public URI otlpHttpEndpoint(Service service) {
    return collector(service == Service.AUTH ? 1 : 0);
  }

  /**
   * The Prometheus endpoints ({@code /metrics}) of the running Jaegers of {@code tier}: collector,
   * ingester, replica (the ingesters' replicas) or storage; none unless started by {@link
   * #startWithMetrics}.
   */
  public List<URI> metricsUrls(String tier) {
    List<Node> nodes =
        switch (tier) {
          case "collector" -> collectors;
          case "ingester" -> ingesters;
          case "replica" -> replicas;
          case "storage" -> List.of(storage);
          default -> throw new IllegalArgumentException("no tier " + tier);
        };
    return nodes.stream()
        .filter(node -> node.process.isAlive() && node.ports.containsKey("metrics"))
        .map(node -> URI.create("http://127.0.0.1:" + node.ports.get("metrics") + "/metrics"))
        .toList();
  }

  /**
   * Messages in the topic that the ingesters' consumer group or their replicas' has not yet
   * committed as read, whichever is more.
   */
  public long ingesterLag() {
    return Math.max(
        kafka.consumerLag(INGESTER_GROUP, TOPIC), kafka.consumerLag(REPLICA_GROUP, TOPIC));
  }

  /** The OTLP/HTTP endpoint of collector {@code index} (0 or 1). */
  public URI collector(int index) {
    return URI.create("http://127.0.0.1:" + collectors.get(index).ports.get("otlp-http"));
  }

  /** The ingesters keep a trace only if a policy of jaeger/ingester.yaml says so. */
  @Override
  public String traceSampling() {
    return "tail";
  }

  /** The storage node's query API and UI. */
  @Override
  public URI queryUrl() {
    return URI.create("http://127.0.0.1:" + storage.ports.get("query"));
  }

  /**
   * Stops everything, last started first: the collectors before the ingesters, the ingesters before
   * the storage node and Kafka, so that no part sends to one already gone.
   */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop " + started.get(i), e);
      }
    }
  }

  /** One running Jaeger of the topology and the ports it listens on, by purpose. */
  private record Node(ManagedProcess process, String role, Map<String, Integer> ports) {}
}
