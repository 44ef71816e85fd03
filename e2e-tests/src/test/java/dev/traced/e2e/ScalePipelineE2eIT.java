package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scale-out topology end to end (see {@link ScalePipeline}): the three services send to two
 * collectors, Kafka carries the spans, two ingesters sample whole traces by the policies of
 * jaeger/ingester.yaml, and so do their two replicas, the storage node keeps them. Traffic of a
 * known mix goes in; the storage node's query API shows that every failed and every slow request
 * was kept whole, that a tenth of the ordinary ones were kept, and that no trace was kept in part.
 * Then Kafka stops for a while, and ingesters stop and crash under traffic: the collectors queue,
 * the other ingesters and the replicas carry on, no failed trace is lost, and every process of the
 * pipeline stays within its memory bound all along.
 */
@ExtendWith(Backends.RequiresKafka.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScalePipelineE2eIT {

  /** Ordinary requests: kept at 10 %, so about 40 of them, with a binomial spread of 6. */
  private static final int ORDINARY = 400;

  /** order-failure requests among the ordinary ones, and as many again after them. */
  private static final int FAILED = 12;

  /** slow-database requests among the ordinary ones (each takes 1.5 s). */
  private static final int SLOW = 6;

  /**
   * Two-span traces sent in halves through both collectors (see {@link SplitTrace}), half of them
   * failed, half slow: kept whole only where all of a trace reaches one ingester.
   */
  private static final int SPLIT = 20;

  /** A listing of alice's orders: down to order-service and one SELECT. */
  private static final ExpectedSpans ORDINARY_SPANS = ExpectedSpans.READ_ORDERS;

  /** order-failure: order-service fails before its first statement. */
  private static final ExpectedSpans FAILED_SPANS = ExpectedSpans.answeredByOrder(0);

  /** slow-database: the slow statement (SELECT demo_sleep), then the listing's SELECT. */
  private static final ExpectedSpans SLOW_SPANS = ExpectedSpans.answeredByOrder(2);

  /** Requests paced at one per {@link #PACE} to set the normal latency before the outage. */
  private static final Duration BASELINE = Duration.ofSeconds(5);

  /** How long Kafka stays stopped, requests flowing at the same pace. */
  private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(20);

  /** One request every 50 ms: about 20 a second, some 140 spans a second to the collectors. */
  private static final Duration PACE = Duration.ofMillis(50);

  /** Every tenth paced request is an order-failure: kept by the sampler, so it must be stored. */
  private static final int FAILED_EVERY = 10;

  /**
   * No request may wait this long. A collector that pushed back on the services would make their
   * SDKs retry, in the background; a request held up by telemetry would wait seconds.
   */
  private static final long SLOWEST_ALLOWED_MILLIS = 1000;

  private ScalePipeline pipeline;
  private ProcessMemory memory;
  private LocalProcesses system;
  private Gateway gateway;
  private JaegerQuery storage;
  private String token;

  @BeforeAll
  void startTopologyAndServices() throws Exception {
    Path workDir = RepoFiles.root().resolve("e2e-tests/target/scale-pipeline");
    RepoFiles.deleteRecursively(workDir);
    pipeline = ScalePipeline.start(Backends.jaegerBinary(), Backends.kafkaHome(), workDir);
    memory = ProcessMemory.watch(pipeline::processes);
    system = LocalProcesses.start(pipeline, Backends.database(workDir), workDir);
    gateway = new Gateway(system.gatewayUrl());
    storage = new JaegerQuery(pipeline.queryUrl());
    token = gateway.login("alice", "wonderland");
  }

  @AfterAll
  void stopAll() {
    if (memory != null) {
      memory.close();
    }
    if (system != null) {
      system.close();
    } else if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  @Order(1)
  void keepsEveryFailedAndSlowTraceWholeAndATenthOfTheRest() throws Exception {
    List<String> ordinary = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> slow = new ArrayList<>();
    List<SplitTrace> split = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> ordinaryRequests = new ArrayList<>();
      List<Future<String>> failedRequests = new ArrayList<>();
      List<Future<String>> slowRequests = new ArrayList<>();
      List<Future<?>> splitSends = new ArrayList<>();
      // The mix, spread over the run, so that each kind meets many different collector batches.
      for (int i = 0; i < ORDINARY; i++) {
        ordinaryRequests.add(clients.submit(listOrders(null, 200)));
        if (i % (ORDINARY / FAILED) == 0) {
          failedRequests.add(clients.submit(listOrders("order-failure", 502)));
        }
        if (i % (ORDINARY / SLOW) == 0) {
          slowRequests.add(clients.submit(listOrders("slow-database", 200)));
        }
        if (i % (ORDINARY / SPLIT) == 0) {
          // The services' failures show in every span of a trace, and every span carries the
          // scenario; these fail or are slow in one half only, with no scenario.
          SplitTrace trace =
              split.size() % 2 == 0
                  ? SplitTrace.failedInTheBackend()
                  : SplitTrace.slowAtTheEdge(Duration.ofMillis(1200));
          split.add(trace);
          splitSends.add(
              clients.submit(() -> trace.send(pipeline.collector(0), pipeline.collector(1))));
        }
      }
      ordinary.addAll(results(ordinaryRequests));
      failed.addAll(results(failedRequests));
      slow.addAll(results(slowRequests));
      for (Future<?> send : splitSends) {
        send.get();
      }
    } finally {
      clients.shutdownNow();
    }
    // Failed requests after all ordinary ones. An ingester decides on traces in the order their
    // first spans came, so once these are stored, every ordinary trace that either ingester got
    // has been decided on. Twelve of them reach both ingesters but for a chance of 2 in 2^12.
    failed.addAll(failedRequests(FAILED));

    // (a) Every failed and every slow trace is stored, with all spans of all three services, and
    // every split trace with both its halves.
    assertStoredWhole(failed, FAILED_SPANS);
    assertStoredWhole(slow, SLOW_SPANS);
    assertStoredWhole(split);

    // (b) A tenth of the ordinary traces are kept: the count is binomial (n = 400, p = 0.1),
    // mean 40 and standard deviation 6, and must lie within three of them: 22 to 58. An ordinary
    // request that took over 1 s on a busy machine is kept by the latency policy, rightly; it
    // leaves the sample, which the 10 % alone decides.
    List<String> kept =
        ordinary.stream().filter(traceId -> !storage.trace(traceId).spans().isEmpty()).toList();
    long keptAsSlow = kept.stream().filter(this::isSlow).count();
    long sample = ordinary.size() - keptAsSlow;
    long keptOfSample = kept.size() - keptAsSlow;
    System.out.printf(
        "[e2e] ordinary traces kept: %d of %d (%d of them over 1 s)%n",
        kept.size(), ORDINARY, keptAsSlow);
    double mean = sample * 0.1;
    double threeSigma = 3 * Math.sqrt(sample * 0.1 * 0.9);
    assertThat((double) keptOfSample)
        .as("ordinary traces under 1 s kept of %d (10 %% expected, ±3σ)", sample)
        .isBetween(mean - threeSigma, mean + threeSigma);

    // (c) Every kept ordinary trace is whole: no trace is kept in part.
    assertStoredWhole(kept, ORDINARY_SPANS);

    // The property that makes (a) to (c) hold: every span of a trace went to one partition.
    assertPartitionedByTraceId(
        ordinary, failed, slow, split.stream().map(SplitTrace::traceId).toList());
  }

  /** Whether the stored trace lasted over 1 s: what the latency policy keeps. */
  private boolean isSlow(String traceId) {
    return storage.trace(traceId).duration().compareTo(Duration.ofSeconds(1)) > 0;
  }

  /**
   * (e) Kafka stopped (SIGTERM) for 20 s and started again on its log folder: the collectors queue
   * the spans meanwhile and send them once the broker is back, so every failed request of the
   * outage is stored whole, and the services answer as fast as before. (f) All along, from the
   * first test to the outage's end, every process of the pipeline, the collectors queueing
   * included, stays below its memory bound.
   */
  @Test
  @Order(2)
  void aKafkaOutageIsQueuedByTheCollectorsAndSlowsNoRequest() throws Exception {
    Latencies normal = pacedRequests(BASELINE, new ArrayList<>());
    List<String> failedDuringOutage = new ArrayList<>();
    Latencies outage;
    pipeline.kafka().stop();
    try {
      outage = pacedRequests(KAFKA_OUTAGE, failedDuringOutage);
    } finally {
      pipeline.kafka().restart();
    }
    System.out.printf(
        "[e2e] latency, ms, before Kafka's outage: %s; during it: %s%n", normal, outage);

    // (e) The queue held the outage's spans: each failed trace is stored with all its spans.
    assertStoredWhole(failedDuringOutage, FAILED_SPANS);
    // Generous: two shared cores; a collector that held up the services would cost seconds.
    assertThat(outage.max())
        .as("slowest request during the outage, ms (before: %s)", normal)
        .isLessThan(SLOWEST_ALLOWED_MILLIS);
    assertThat(outage.p95())
        .as("95th percentile latency during the outage, ms (before: %s)", normal)
        .isLessThanOrEqualTo(2 * normal.p95() + 20);

    // (f) Every process's highest RSS so far below its bound.
    Map<String, ProcessMemory.Peak> peaks = memory.peaks();
    System.out.printf("[e2e] highest RSS, MiB, and bound: %s%n", peaks);
    assertThat(peaks)
        .containsKeys(
            "kafka",
            "jaeger-storage",
            "jaeger-ingester-1",
            "jaeger-ingester-2",
            "jaeger-ingester-replica-1",
            "jaeger-ingester-replica-2",
            "jaeger-collector-1",
            "jaeger-collector-2")
        .allSatisfy(
            (process, peak) -> assertThat(peak.withinBound()).as("%s: %s", process, peak).isTrue());
  }

  /**
   * (d) Under traffic, an ingester stops (SIGTERM), another crashes (SIGKILL), then a replica
   * crashes, and not one failed trace is lost: neither those sent while the group rebalanced nor
   * those the stopped ingesters held undecided, which the replicas keep (jaeger/ingester.yaml), nor
   * those the replica held, which the ingesters keep.
   */
  @Test
  @Order(3)
  void ingestersThatStopOrCrashUnderTrafficLoseNoFailedTrace() throws Exception {
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService client = Executors.newSingleThreadExecutor();
    Future<Latencies> traffic = client.submit(() -> pacedRequests(sending::get, failed));
    try {
      // Each step waits for failed requests sent, a few seconds of traffic: some of them are
      // undecided in the ingester that goes next.
      awaitMoreSent(failed, 10, traffic);
      pipeline.stopIngester(0);
      awaitMoreSent(failed, 10, traffic);
      pipeline.startIngester();
      awaitMoreSent(failed, 10, traffic);
      pipeline.killIngester(1);
      // Past the group's session timeout (10 s), after which the crashed ingester's partitions
      // move to the third, which reads on from their last committed offsets.
      awaitMoreSent(failed, 30, traffic);
      pipeline.killReplica(0);
      awaitMoreSent(failed, 10, traffic);
    } finally {
      sending.set(false);
      client.shutdown();
    }
    traffic.get();
    System.out.printf("[e2e] failed requests sent while ingesters stopped: %d%n", failed.size());
    assertStoredWhole(List.copyOf(failed), FAILED_SPANS);
  }

  /** Waits until {@code count} more failed requests have been sent, or the traffic has ended. */
  private static void awaitMoreSent(List<String> failed, int count, Future<?> traffic)
      throws Exception {
    int target = failed.size() + count;
    await(count + " more failed requests sent")
        .atMost(Duration.ofSeconds(count * FAILED_EVERY * PACE.toMillis() / 1000 + 30))
        .until(() -> failed.size() >= target || traffic.isDone());
    if (traffic.isDone()) {
      traffic.get();
    }
  }

  private List<String> failedRequests(int count) throws Exception {
    List<String> traceIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      traceIds.add(listOrders("order-failure", 502).call());
    }
    return traceIds;
  }

  /** {@link #pacedRequests(BooleanSupplier, List)} for {@code duration}. */
  private Latencies pacedRequests(Duration duration, List<String> failed) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    return pacedRequests(() -> System.nanoTime() < end, failed);
  }

  /**
   * Sends one listing every {@link #PACE} while {@code sending}, every {@value #FAILED_EVERY}th an
   * order-failure whose trace id goes to {@code failed}; returns the latencies of all of them.
   */
  private Latencies pacedRequests(BooleanSupplier sending, List<String> failed) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; sending.getAsBoolean(); i++) {
      boolean failure = i % FAILED_EVERY == 0;
      long start = System.nanoTime();
      String traceId =
          failure ? listOrders("order-failure", 502).call() : listOrders(null, 200).call();
      long took = System.nanoTime() - start;
      millis.add(took / 1_000_000);
      if (failure) {
        failed.add(traceId);
      }
      // Pacing, not waiting for a fact: holds the rate at one request per PACE.
      Thread.sleep(Math.max(0, PACE.minusNanos(took).toMillis()));
    }
    return Latencies.of(millis);
  }

  /** A listing of alice's orders in {@code scenario} (or none), answered {@code status}. */
  private Callable<String> listOrders(String scenario, int status) {
    return () -> {
      HttpResponse<String> response = gateway.listOrders(token, scenario);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
      return Gateway.traceIdOf(response);
    };
  }

  private static List<String> results(List<Future<String>> requests) throws Exception {
    List<String> traceIds = new ArrayList<>();
    for (Future<String> request : requests) {
      traceIds.add(request.get());
    }
    return traceIds;
  }

  /** Each of {@code traceIds} is stored with exactly the spans of {@code expected}. */
  private void assertStoredWhole(Collection<String> traceIds, ExpectedSpans expected) {
    storage.awaitTraces(traceIds, expected).values().forEach(expected::assertExactly);
  }

  /** Each split trace is stored with both its spans: its failure or its latency was seen whole. */
  private void assertStoredWhole(List<SplitTrace> traces) {
    List<String> whole = List.of(SplitTrace.BACKEND, SplitTrace.EDGE);
    await(traces.size() + " split traces stored whole")
        .atMost(JaegerQuery.TRACES_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              Map<SplitTrace, List<String>> notWhole = new LinkedHashMap<>();
              for (SplitTrace trace : traces) {
                List<String> stored =
                    storage.trace(trace.traceId()).spans().stream()
                        .map(JaegerSpan::service)
                        .sorted()
                        .toList();
                if (!stored.equals(whole)) {
                  notWhole.put(trace, stored);
                }
              }
              assertThat(notWhole)
                  .as("split traces not stored whole: their stored spans")
                  .isEmpty();
            });
  }

  /**
   * Every message in Kafka is keyed by a trace id, each key is in one partition only, and the keys
   * include every request's trace.
   */
  @SafeVarargs
  private void assertPartitionedByTraceId(List<String>... requests) {
    Map<String, Set<Integer>> partitionsByKey =
        pipeline.kafka().partitionsByKey(ScalePipeline.TOPIC);
    assertThat(partitionsByKey).as("messages without a key (trace id)").doesNotContainKey(null);
    assertThat(partitionsByKey)
        .as("trace ids whose spans are in more than one partition")
        .allSatisfy((traceId, partitions) -> assertThat(partitions).hasSize(1));
    for (List<String> traceIds : requests) {
      assertThat(partitionsByKey).containsKeys(traceIds.toArray(String[]::new));
    }
  }
}
