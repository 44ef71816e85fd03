package dev.traced.loadgen;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs loadgen: {@code java -jar loadgen.jar}, configured by environment variables. */
public final class Main {

  /** How long SIGTERM waits for the summary: under compose's 10 s before it kills. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(8);

  private Main() {}

  /** Sends traffic until the duration is over or SIGTERM/Ctrl-C, then prints the summary. */
  public static void main(String[] args) throws InterruptedException {
    LoadConfig config;
    try {
      config = LoadConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("loadgen: " + e.getMessage());
      System.exit(2);
      return;
    }
    LoadGenerator generator = new LoadGenerator(config, System.out);
    CountDownLatch done = new CountDownLatch(1);
    // On SIGTERM the JVM runs this hook; it holds the exit until the summary has been printed.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  generator.stop();
                  try {
                    done.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "loadgen-shutdown"));
    int status = 0;
    try {
      generator.run();
    } catch (IllegalStateException | IOException e) {
      System.err.println("loadgen: " + e.getMessage());
      status = 1;
    } finally {
      done.countDown();
    }
    if (status != 0) {
      System.exit(status);
    }
  }
}
