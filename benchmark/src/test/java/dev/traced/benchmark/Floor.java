package dev.traced.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The floor benchmark's result (telemetry's {@code FloorBenchmark}, JMH, run by scripts/bench.sh
 * before the load benchmark): the tracing work one request does in one service, against the bare
 * SDK doing as many spans with the same processors.
 *
 * @param nanosPerOp each benchmark's average time, by method name
 * @param bytesPerOp each benchmark's allocation, by method name
 */
record Floor(Map<String, Double> nanosPerOp, Map<String, Double> bytesPerOp) {

  /** The spans one request makes in the measured service: SERVER, HTTP CLIENT, JDBC CLIENT. */
  static final int SPANS_PER_REQUEST = 3;

  /** JMH's JSON result file. */
  static Floor read(Path json) throws IOException {
    Map<String, Double> nanos = new LinkedHashMap<>();
    Map<String, Double> bytes = new LinkedHashMap<>();
    for (JsonNode result : new ObjectMapper().readTree(json.toFile())) {
      String benchmark = result.path("benchmark").asText();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      nanos.put(method, result.path("primaryMetric").path("score").asDouble());
      bytes.put(
          method,
          result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble());
    }
    return new Floor(nanos, bytes);
  }

  /**
   * The tracing work of one request: the SERVER and the HTTP CLIENT span whole, the JDBC span and
   * the log line as what they cost beyond the same statement and line untraced.
   */
  double workNanos() {
    return work(nanosPerOp);
  }

  double workBytes() {
    return work(bytesPerOp);
  }

  /** The bare SDK making as many spans: {@code spanBuilder().startSpan().end()} each. */
  double floorNanos() {
    return SPANS_PER_REQUEST * nanosPerOp.get("bareSpan");
  }

  double floorBytes() {
    return SPANS_PER_REQUEST * bytesPerOp.get("bareSpan");
  }

  double ratio() {
    return workNanos() / floorNanos();
  }

  private static double work(Map<String, Double> perOp) {
    return perOp.get("serverSpan")
        + perOp.get("clientSpan")
        + (perOp.get("jdbcSpan") - perOp.get("jdbcUntraced"))
        + (perOp.get("logLine") - perOp.get("logLineUntraced"));
  }
}
