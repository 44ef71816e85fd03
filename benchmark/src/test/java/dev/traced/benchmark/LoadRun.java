package dev.traced.benchmark;

import dev.traced.loadgen.ApiClient;
import dev.traced.loadgen.LoadConfig;
import dev.traced.loadgen.LoadGenerator;
import dev.traced.loadgen.Summary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One loadgen run against the gateway, in this JVM: happy-path requests as the demo users, or a
 * given scenario mix.
 */
final class LoadRun {

  private LoadRun() {}

  /** Back-to-back requests from {@code concurrency} workers: throughput at saturation. */
  static Summary closed(URI gateway, int concurrency, Duration duration) throws Exception {
    return run(
        gateway,
        Map.of("LOADGEN_MODE", "closed", "LOADGEN_CONCURRENCY", String.valueOf(concurrency)),
        duration,
        reply -> {});
  }

  /** A fixed arrival rate, whatever the latency: latency percentiles at a given load. */
  static Summary open(
      URI gateway, double rate, Duration duration, Consumer<ApiClient.Reply> onReply)
      throws Exception {
    return open(gateway, rate, duration, "happy=100", onReply);
  }

  /**
   * As {@link #open(URI, double, Duration, Consumer)}, with loadgen's scenario {@code mix} ({@code
   * LOADGEN_MIX}) in place of happy-path requests only.
   */
  static Summary open(
      URI gateway, double rate, Duration duration, String mix, Consumer<ApiClient.Reply> onReply)
      throws Exception {
    // Enough in-flight slots (half a second's worth) that a slow moment drops no request.
    int slots = (int) Math.max(16, Math.ceil(rate / 2));
    return run(
        gateway,
        Map.of(
            "LOADGEN_MIX",
            mix,
            "LOADGEN_MODE",
            "open",
            "LOADGEN_RATE",
            String.valueOf(rate),
            "LOADGEN_CONCURRENCY",
            String.valueOf(slots)),
        duration,
        onReply);
  }

  private static Summary run(
      URI gateway,
      Map<String, String> settings,
      Duration duration,
      Consumer<ApiClient.Reply> onReply)
      throws Exception {
    Map<String, String> env = new HashMap<>(settings);
    env.put("GATEWAY_URL", gateway.toString());
    env.putIfAbsent("LOADGEN_MIX", "happy=100");
    env.put("LOADGEN_DURATION", String.valueOf(Math.max(1, duration.toSeconds())));
    // loadgen's own report would only repeat the summary returned here.
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new LoadGenerator(LoadConfig.fromEnv(env), quiet, onReply).run();
  }
}
