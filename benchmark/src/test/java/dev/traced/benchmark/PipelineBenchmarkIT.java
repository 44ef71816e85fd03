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
 * Runs the pipeline phase (see {@link PipelineBenchmark}) and writes pipeline.md and pipeline.json
 * to target/benchmark. A smoke run of a few seconds per phase by default; {@code
 * -Dbench.profile=full} (scripts/bench.sh) is the real one. No figure is asserted beyond the tool
 * working: spans went through, traces were found, the sampler kept some and dropped some.
 */
@ExtendWith(Backends.RequiresKafka.class)
class PipelineBenchmarkIT {

  @Test
  void writesThePipelineReport() throws Exception {
    Path reportDir = RepoFiles.root().resolve("target/benchmark");
    PipelineReport report =
        PipelineBenchmark.run(
            PipelineSettings.fromSystemProperties(),
            Backends.jaegerBinary(),
            Backends.kafkaHome(),
            RepoFiles.root().resolve("benchmark/target/pipeline-run"));
    report.writeTo(reportDir);
    System.out.println(Files.readString(reportDir.resolve("pipeline.md")));

    JsonNode json = new ObjectMapper().readTree(reportDir.resolve("pipeline.json").toFile());
    assertThat(json.path("steps")).isNotEmpty();
    assertThat(json.path("steps").get(0).path("collectorAccepted").asLong()).isPositive();
    assertThat(json.path("steps").get(0).path("ingesterAccepted").asLong()).isPositive();
    assertThat(json.path("delay").path("direct").path("samples").asInt()).isPositive();
    assertThat(json.path("delay").path("pipeline").path("p50Ms").asDouble()).isPositive();
    assertThat(report.sampling().spansStored())
        .isPositive()
        .isLessThan(report.sampling().spansIn());
    assertThat(report.sampling().tracesKept()).isPositive();
  }
}
