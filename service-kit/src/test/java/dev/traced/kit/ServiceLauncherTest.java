package dev.traced.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLauncherTest {

  /**
   * A tiny service started the way every service's {@code main} starts: through the launcher. It
   * holds a non-daemon thread that never ends, as a library's pool might, and a resource that says
   * when it is closed.
   */
  static final class TinyService {
    public static void main(String[] args) {
      Thread pool = new Thread(TinyService::sleepForever, "lingering-non-daemon");
      pool.start();
      ServiceLauncher.launch(
          "tiny-service",
          TinyService.class,
          (env, otel) ->
              ServiceShell.builder(otel)
                  .closeAfterStop(() -> System.out.println("closed pool"))
                  .start(env.string("HOST", "127.0.0.1"), env.port("PORT", 0)));
    }

    private static void sleepForever() {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void exitAfterStartStartsTheServiceThenShutsItDownInOrderAndExitsWithZero(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("tiny-service.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TinyService.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                ServiceLauncher.EXIT_AFTER_START,
                "true",
                "HOST",
                "127.0.0.1",
                "PORT",
                "0",
                // Nothing to export, and nowhere to: the test needs no collector.
                "OTEL_TRACES_EXPORTER",
                "none"));
    Process process = builder.start();

    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);

    assertThat(exited).as("exited within 60 s; output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .containsSubsequence(
            "tiny-service listening on 127.0.0.1:",
            "EXIT_AFTER_START=true: exiting after start",
            "shutting down: draining in-flight requests",
            "closed pool",
            "closed RunningService",
            // ExtendedOpenTelemetrySdk, as the SDK names itself today: the SDK last.
            "OpenTelemetrySdk",
            "shutdown complete");
  }
}
