package dev.traced.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traced.e2e.Backends;
import dev.traced.e2e.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the benchmark and writes its report to target/benchmark. By default a smoke run of a few
 * seconds per phase, so the tool cannot rot; {@code -Dbench.profile=full} (scripts/bench.sh) is the
 * real one. No timing is asserted: the report compares the numbers with the targets.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
class BenchmarkIT {

  @Test
  void writesTheReport() throws Exception {
    Path workDir = RepoFiles.root().resolve("benchmark/target/benchmark-run");
    Path reportDir = RepoFiles.root().resolve("target/benchmark");

    BenchmarkReport report =
        Benchmark.run(
            BenchmarkSettings.fromSystemProperties(), Backends.jaegerBinary(), agentJar(), workDir);
    // scripts/bench.sh runs the floor benchmark (JMH) first; a build runs only its smoke test.
    Path floorJson = reportDir.resolve("floor.json");
    if (Files.exists(floorJson)) {
      report = report.withFloor(Floor.read(floorJson));
    }
    report.writeTo(reportDir);
    System.out.println(Files.readString(reportDir.resolve("report.md")));

    JsonNode json = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
    assertThat(json.path("machine").path("cores").asInt()).isPositive();
    assertThat(json.path("runs")).hasSize(3 * report.settings().rounds());
    assertThat(json.path("ratios")).hasSize(10);
    assertThat(json.path("agentRatios")).hasSize(7);
    assertThat(json.path("targets")).hasSize(16);
    assertThat(json.path("completeness").path("requests").asLong()).isPositive();
    assertThat(json.path("runs"))
        .allSatisfy(
            run -> {
              assertThat(run.path("cpuAtHalfRate").path("services").asDouble()).isPositive();
              assertThat(run.path("isolatedAtHalfRate").path("requests").asLong()).isPositive();
            });
    assertThat(json.path("completeness").path("expectedSpans").asLong()).isPositive();
    // Both tracings made a whole trace of the probe order, through all three services.
    assertThat(report.contents())
        .extracting(SpanContent::config)
        .containsExactly("traced", "agent");
    assertThat(report.contents())
        .allSatisfy(
            content -> {
              assertThat(content.count("server")).isEqualTo(3);
              assertThat(content.databaseSpans()).isPositive();
            });
    assertThat(Files.readString(reportDir.resolve("report.md")))
        .contains("## Targets", "## Runs", "## What you get for one created order");
    assertThat(Files.readString(reportDir.resolve("report.svg")))
        .startsWith("<svg")
        .contains("CPU time per request", "backend isolated", "untraced", "traced", "agent");
  }

  /** The OpenTelemetry Java agent's jar, which the build copies from Maven Central. */
  private static Path agentJar() {
    Path jar = Path.of(System.getProperty("bench.agent.jar", "target/agent/missing.jar"));
    assertThat(jar).as("the OpenTelemetry Java agent (bench.agent.jar)").isRegularFile();
    return jar;
  }
}
