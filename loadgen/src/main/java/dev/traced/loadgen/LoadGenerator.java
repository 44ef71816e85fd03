package dev.traced.loadgen;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One run of loadgen: wait for the gateway, log in, send, then print (and write) the summary. */
public final class LoadGenerator {

  private final LoadConfig config;
  private final PrintStream out;
  private final Consumer<ApiClient.Reply> onReply;
  private final CountDownLatch stop = new CountDownLatch(1);

  /** A run with {@code config} that prints its progress and summary to {@code out}. */
  public LoadGenerator(LoadConfig config, PrintStream out) {
    this(config, out, reply -> {});
  }

  /** A run that also hands every reply of the load (not the logins) to {@code onReply}. */
  public LoadGenerator(LoadConfig config, PrintStream out, Consumer<ApiClient.Reply> onReply) {
    this.config = requireNonNull(config, "config");
    this.out = requireNonNull(out, "out");
    this.onReply = requireNonNull(onReply, "onReply");
  }

  /**
   * Ends the run early; {@link #run()} then finishes requests in flight and returns the summary.
   */
  public void stop() {
    stop.countDown();
  }

  /**
   * Runs until the duration is over or {@link #stop()} is called; prints the summary and writes the
   * JSON report when one is configured.
   *
   * @throws IllegalStateException when the gateway does not come up or refuses a user
   */
  public Summary run() throws InterruptedException, IOException {
    Stats stats = new Stats(config.warmup());
    if (config.rate() == 0) {
      // Compose switches loadgen off this way, so it must not even wait for the gateway.
      out.println("loadgen: LOADGEN_RATE=0, sending nothing" + until());
      stats.begin();
      idle();
      return finish(stats);
    }
    int httpThreads =
        Math.max(2, Math.min(config.concurrency(), 2 * Runtime.getRuntime().availableProcessors()));
    ExecutorService executor =
        Executors.newFixedThreadPool(httpThreads, LoadRunner.daemonThreads("loadgen-http"));
    try {
      ApiClient api = ApiClient.create(config.gatewayUrl(), executor);
      Optional<Users> users =
          new Startup(api, stats, stop, out, Startup.TIMEOUT).logIn(config.users());
      if (users.isPresent()) {
        out.println(
            "loadgen: sending to "
                + config.gatewayUrl()
                + ", "
                + pacing()
                + until()
                + "; mix "
                + config.mix());
        new LoadRunner(config, new Driver(api, users.get(), stats, onReply), stats, stop, out)
            .run();
      }
      return finish(stats);
    } finally {
      executor.shutdownNow();
    }
  }

  private Summary finish(Stats stats) throws IOException {
    Summary summary = stats.summary(config);
    out.print(Report.text(summary));
    if (config.report().isPresent()) {
      Report.writeJson(summary, config.report().get());
      out.println("loadgen: report written to " + config.report().get());
    }
    out.flush();
    return summary;
  }

  private void idle() throws InterruptedException {
    if (config.duration().isZero()) {
      stop.await();
    } else {
      stop.await(config.duration().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private String pacing() {
    return config.mode() == LoadConfig.Mode.OPEN
        ? "open loop at "
            + Report.number(config.rate())
            + " req/s (at most "
            + config.concurrency()
            + " in flight)"
        : "closed loop with " + config.concurrency() + " workers";
  }

  private String until() {
    return config.duration().isZero()
        ? " until stopped"
        : " for " + config.duration().toSeconds() + " s";
  }
}
