package dev.traced.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps {@link FloorBenchmark} working: every build runs each benchmark once, briefly and in this
 * JVM. It checks that each one gives a result, never how fast: timings of a run this short mean
 * nothing.
 */
class FloorBenchmarkTest {

  @Test
  void everyBenchmarkGivesAResult() throws Exception {
    Options smoke =
        new OptionsBuilder()
            .include(Pattern.quote(FloorBenchmark.class.getName()) + "\\.")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .verbosity(VerboseMode.SILENT)
            .shouldFailOnError(true)
            .build();

    Collection<RunResult> results = new Runner(smoke).run();

    assertThat(results)
        .extracting(result -> result.getParams().getBenchmark())
        .containsExactlyInAnyOrderElementsOf(benchmarks());
    assertThat(results)
        .allSatisfy(
            result -> assertThat(result.getPrimaryResult().getScore()).isFinite().isPositive());
  }

  private static List<String> benchmarks() {
    return Arrays.stream(FloorBenchmark.class.getMethods())
        .filter(method -> method.isAnnotationPresent(Benchmark.class))
        .map(Method::getName)
        .map(name -> FloorBenchmark.class.getName() + "." + name)
        .toList();
  }
}
