package dev.traced.loadgen;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Paces the requests: a fixed arrival rate (open loop) or back-to-back workers (closed loop). */
final class LoadRunner {

  /** How often a progress line is printed. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

  /** How long requests in flight at the end may take to finish before they are abandoned. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private final LoadConfig config;
  private final Driver driver;
  private final Stats stats;
  private final CountDownLatch stop;
  private final PrintStream out;

  /**
   * Paces {@code driver} as {@code config} says until {@code stop} is counted down; progress goes
   * to {@code out}.
   */
  LoadRunner(LoadConfig config, Driver driver, Stats stats, CountDownLatch stop, PrintStream out) {
    this.config = config;
    this.driver = driver;
    this.stats = stats;
    this.stop = stop;
    this.out = out;
  }

  /**
   * Sends until the duration is over or {@code stop} is counted down, then waits for requests in
   * flight.
   */
  void run() throws InterruptedException {
    stats.begin();
    long deadline = System.nanoTime() + config.duration().toNanos();
    ExecutorService workers =
        Executors.newFixedThreadPool(config.concurrency(), daemonThreads("loadgen-worker"));
    ScheduledExecutorService progress =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("loadgen-progress"));
    long every = PROGRESS_INTERVAL.toMillis();
    progress.scheduleAtFixedRate(
        () -> out.println(Report.progressLine(stats.progress())),
        every,
        every,
        TimeUnit.MILLISECONDS);
    try {
      if (config.mode() == LoadConfig.Mode.OPEN) {
        openLoop(workers, deadline);
      } else {
        closedLoop(workers, deadline);
      }
    } finally {
      progress.shutdownNow();
      workers.shutdown();
      if (!workers.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    }
  }

  /**
   * Request i is due at start + i / rate, however long earlier ones take. A request due while
   * {@code concurrency} are in flight is dropped and counted: queueing it would hide the overload
   * and let the queue grow without bound.
   */
  private void openLoop(ExecutorService workers, long deadline) throws InterruptedException {
    long period = Math.max(1, Math.round(1e9 / config.rate()));
    Semaphore inFlight = new Semaphore(config.concurrency());
    long due = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      if (finished(now, deadline)) {
        return;
      }
      long wait = due - now;
      if (wait > 0) {
        if (!config.duration().isZero()) {
          wait = Math.min(wait, deadline - now);
        }
        stop.await(wait, TimeUnit.NANOSECONDS);
        continue;
      }
      due += period;
      if (inFlight.tryAcquire()) {
        workers.execute(
            () -> {
              try {
                sendOne();
              } finally {
                inFlight.release();
              }
            });
      } else {
        stats.recordDropped(now);
      }
    }
  }

  /**
   * Each worker sends its next request as soon as the last one is answered; the rate is not used.
   */
  private void closedLoop(ExecutorService workers, long deadline) throws InterruptedException {
    for (int i = 0; i < config.concurrency(); i++) {
      workers.execute(
          () -> {
            while (!Thread.currentThread().isInterrupted()
                && !finished(System.nanoTime(), deadline)) {
              sendOne();
            }
          });
    }
    if (config.duration().isZero()) {
      stop.await();
    } else {
      stop.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  private void sendOne() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    driver.send(config.mix().draw(random), random);
  }

  private boolean finished(long now, long deadline) {
    return stop.getCount() == 0 || (!config.duration().isZero() && now - deadline >= 0);
  }

  /** Daemon threads, so that a stuck request can never keep the JVM from exiting. */
  static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
