package dev.traced.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A single-node Kafka (KRaft: broker and controller in one JVM, no ZooKeeper) from the jars that
 * scripts/install-kafka.sh fetches, on free loopback ports, its data in {@code
 * <workDir>/kafka-data}.
 */
final class KafkaProcess implements AutoCloseable {

  /** The release that scripts/install-kafka.sh fetches: {@value}. */
  static final String VERSION = "4.4.0";

  /**
   * The broker's heap: {@value}, room enough for one broker and one small topic. Explicit, so that
   * the JVM does not size it by the machine's memory (a quarter of it by default). Its RSS stays
   * below {@link #MAX_RSS_MIB} MiB: the heap plus the JVM's own (classes, code, threads, buffers).
   */
  static final String HEAP = "-Xmx256m";

  /** What the broker's resident memory stays below, in MiB: {@value}. */
  static final long MAX_RSS_MIB = 640;

  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

  private final List<String> command;
  private final String bootstrapServers;
  private ManagedProcess process;

  private KafkaProcess(List<String> command, String bootstrapServers) {
    this.command = command;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Kafka's folder, whose {@code libs/} holds its jars: {@code KAFKA_HOME}, or where
   * scripts/install-kafka.sh caches it.
   */
  static Optional<Path> locate(Map<String, String> env) {
    String configured = env.get("KAFKA_HOME");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    Path cached = CachedBuilds.folder(env).resolve("kafka-" + VERSION);
    return Files.isRegularFile(cached.resolve("libs/kafka_2.13-" + VERSION + ".jar"))
        ? Optional.of(cached)
        : Optional.empty();
  }

  /**
   * Formats a fresh log folder under {@code workDir}, starts the broker on it and waits until it
   * answers; output goes to {@code workDir}/kafka.log.
   */
  static KafkaProcess start(Path kafkaHome, Path workDir) {
    int brokerPort = FreePorts.next();
    int controllerPort = FreePorts.next();
    Path config = workDir.resolve("kafka.properties");
    Path log = workDir.resolve("kafka.log");
    try {
      Files.createDirectories(workDir);
      Files.writeString(config, serverProperties(workDir, brokerPort, controllerPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String classpath = kafkaHome.resolve("libs").toString() + "/*";
    // A KRaft node's log folder is formatted once, with the cluster's id, before its first start.
    Command.run(
            Duration.ofSeconds(60),
            List.of(
                java(),
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                config.toString()))
        .orFail();
    KafkaProcess kafka =
        new KafkaProcess(
            List.of(java(), HEAP, "-cp", classpath, "kafka.Kafka", config.toString()),
            "127.0.0.1:" + brokerPort);
    kafka.launch(log);
    return kafka;
  }

  private void launch(Path log) {
    process = ManagedProcess.start("kafka", command, Map.of(), log);
    try {
      awaitReady();
    } catch (RuntimeException | AssertionError e) {
      close();
      throw e;
    }
  }

  /** Stops the broker with SIGTERM, as an operator or a rolling restart would, and waits. */
  void stop() {
    process.close();
  }

  /**
   * Starts the stopped broker again on the same ports and log folder, so the topics and the
   * consumer group's offsets are as it left them, and waits until it answers.
   */
  void restart() {
    launch(process.log());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The broker's process id, for reading its memory. */
  long pid() {
    return process.pid();
  }

  /** scripts/kafka/server.properties with this node's ports and log folder filled in. */
  private static String serverProperties(Path workDir, int brokerPort, int controllerPort)
      throws IOException {
    return Files.readString(RepoFiles.root().resolve("scripts/kafka/server.properties"))
        .replace("BROKER_PORT", String.valueOf(brokerPort))
        .replace("CONTROLLER_PORT", String.valueOf(controllerPort))
        .replace("LOG_DIR", workDir.resolve("kafka-data").toString());
  }

  private void awaitReady() {
    await("kafka at " + bootstrapServers)
        .atMost(STARTUP_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .failFast("kafka exited; see " + process.log(), () -> !process.isAlive())
        // Refused connections and timeouts until the broker listens and has elected itself.
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
              }
            });
  }

  /** {@code host:port} of the broker, for a client's {@code bootstrap.servers}. */
  String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates {@code topic} with {@code partitions} partitions, each with its one replica. */
  void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not create topic " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every message key of {@code topic} so far, with the partitions that hold messages under it; a
   * message without a key counts under {@code null}. Reads each partition from its start to its
   * current end, outside any consumer group, so the topic's own consumers are not disturbed.
   */
  Map<String, Set<Integer>> partitionsByKey(String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<String, Set<Integer>> keys = new HashMap<>();
      await("messages of " + topic + " up to " + ends)
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  keys.computeIfAbsent(record.key(), key -> new TreeSet<>())
                      .add(record.partition());
                }
                return partitions.stream()
                    .allMatch(partition -> consumer.position(partition) >= ends.get(partition));
              });
      return keys;
    }
  }

  /**
   * Messages of {@code topic} that consumer group {@code group} has not committed as read yet,
   * summed over the partitions; a partition without a committed offset counts whole.
   */
  long consumerLag(String group, String topic) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(
              partition ->
                  latest.put(
                      new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
      long lag = 0;
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
          admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata read = committed.get(end.getKey());
        lag += end.getValue().offset() - (read == null ? 0 : read.offset());
      }
      return lag;
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not read the lag of " + group, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
  }

  @Override
  public void close() {
    process.close();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
