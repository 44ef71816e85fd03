package dev.traced.loadgen;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe counts and latency histograms (in microseconds) of a run: totals after the warm-up,
 * per scenario, and an interval view for the progress line.
 */
public final class Stats {

  /** Three significant digits: 1.234 ms is told from 1.235 ms. */
  private static final int DIGITS = 3;

  private final Duration warmup;
  private final Recorder interval = new Recorder(DIGITS);
  private final Histogram overall = new ConcurrentHistogram(DIGITS);
  private final Map<Scenario, PerScenario> scenarios = new EnumMap<>(Scenario.class);
  private final LongAdder sent = new LongAdder();
  private final LongAdder sentDuringWarmup = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder liveErrors = new LongAdder();
  private final LongAdder liveDropped = new LongAdder();
  private final LongAdder logins = new LongAdder();
  private volatile Instant startedAt = Instant.now();
  private volatile long startNanos = System.nanoTime();
  private volatile long warmupEndNanos = startNanos;
  private long lastProgressNanos = startNanos;
  private long lastProgressSent;

  private static final class PerScenario {
    final Histogram latency = new ConcurrentHistogram(DIGITS);
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final LongAdder unexpected = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
  }

  /** Statistics that will leave out the first {@code warmup} after {@link #begin}. */
  public Stats(Duration warmup) {
    this.warmup = warmup;
    for (Scenario scenario : Scenario.values()) {
      scenarios.put(scenario, new PerScenario());
    }
  }

  /** Marks the start of sending: the clock of duration, warm-up and progress starts here. */
  public synchronized void begin() {
    startedAt = Instant.now();
    startNanos = System.nanoTime();
    warmupEndNanos = startNanos + warmup.toNanos();
    lastProgressNanos = startNanos;
  }

  /**
   * Records an answer with {@code status} to a request of {@code scenario} sent at {@code
   * startNanos}.
   */
  public void record(Scenario scenario, int status, long startNanos, long latencyNanos) {
    long micros = Math.max(0, latencyNanos / 1_000);
    boolean unexpected = !scenario.expects(status);
    sent.increment();
    interval.recordValue(micros);
    if (unexpected) {
      liveErrors.increment();
    }
    if (inWarmup(startNanos)) {
      sentDuringWarmup.increment();
      return;
    }
    PerScenario counts = scenarios.get(scenario);
    overall.recordValue(micros);
    counts.latency.recordValue(micros);
    counts.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    if (unexpected) {
      counts.unexpected.increment();
    }
  }

  /** Records a request of {@code scenario} that got no answer at all. */
  public void recordTransportError(Scenario scenario, long startNanos) {
    sent.increment();
    liveErrors.increment();
    if (inWarmup(startNanos)) {
      sentDuringWarmup.increment();
    } else {
      scenarios.get(scenario).transportErrors.increment();
    }
  }

  /** Records a request that was due but not sent, because the in-flight cap was reached. */
  public void recordDropped(long dueNanos) {
    liveDropped.increment();
    if (!inWarmup(dueNanos)) {
      dropped.increment();
    }
  }

  /** Records a login request (they are not part of the scenario traffic). */
  public void recordLogin() {
    logins.increment();
  }

  /** The numbers since the previous call; meant for one caller, the progress printer. */
  public synchronized Progress progress() {
    long now = System.nanoTime();
    Histogram recent = interval.getIntervalHistogram();
    long sentNow = sent.sum();
    double seconds = Math.max(1e-9, (now - lastProgressNanos) / 1e9);
    Progress progress =
        new Progress(
            Duration.ofNanos(now - startNanos),
            sentNow,
            (sentNow - lastProgressSent) / seconds,
            millis(recent.getValueAtPercentile(50)),
            millis(recent.getValueAtPercentile(99)),
            liveErrors.sum(),
            liveDropped.sum(),
            inWarmup(now));
    lastProgressNanos = now;
    lastProgressSent = sentNow;
    return progress;
  }

  /** The summary of everything recorded after the warm-up, up to now. */
  public Summary summary(LoadConfig config) {
    long now = System.nanoTime();
    double seconds = Math.max(0, now - Math.max(startNanos, warmupEndNanos)) / 1e9;
    Map<String, Long> statuses = new TreeMap<>();
    Map<String, Summary.ScenarioSummary> perScenario = new LinkedHashMap<>();
    long unexpected = 0;
    long transportErrors = 0;
    for (Map.Entry<Scenario, PerScenario> entry : scenarios.entrySet()) {
      PerScenario counts = entry.getValue();
      Map<String, Long> scenarioStatuses = new TreeMap<>();
      counts.statuses.forEach((status, n) -> scenarioStatuses.put(String.valueOf(status), n.sum()));
      scenarioStatuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));
      long answered = counts.latency.getTotalCount();
      long failed = counts.transportErrors.sum();
      long wrong = counts.unexpected.sum();
      unexpected += wrong;
      transportErrors += failed;
      if (answered + failed > 0 || config.mix().weight(entry.getKey()) > 0) {
        perScenario.put(
            entry.getKey().label(),
            new Summary.ScenarioSummary(
                answered + failed,
                answered - wrong,
                wrong,
                failed,
                millis(counts.latency.getValueAtPercentile(50)),
                millis(counts.latency.getValueAtPercentile(99)),
                scenarioStatuses));
      }
    }
    long answered = overall.getTotalCount();
    long requests = answered + transportErrors;
    return new Summary(
        startedAt.toString(),
        config.gatewayUrl().toString(),
        config.mode().name().toLowerCase(Locale.ROOT),
        config.rate(),
        config.concurrency(),
        config.warmup().toMillis() / 1e3,
        Math.round(seconds * 1e3) / 1e3,
        requests,
        seconds == 0 ? 0 : Math.round(requests / seconds * 100) / 100.0,
        new Summary.Latency(
            millis(overall.getValueAtPercentile(50)),
            millis(overall.getValueAtPercentile(90)),
            millis(overall.getValueAtPercentile(95)),
            millis(overall.getValueAtPercentile(99)),
            millis(overall.getValueAtPercentile(99.9)),
            millis(overall.getMaxValue())),
        statuses,
        answered - unexpected,
        unexpected,
        transportErrors,
        unexpected + transportErrors,
        dropped.sum(),
        logins.sum(),
        sentDuringWarmup.sum(),
        perScenario);
  }

  private boolean inWarmup(long nanos) {
    return nanos - warmupEndNanos < 0;
  }

  private static double millis(long micros) {
    return micros / 1e3;
  }
}
