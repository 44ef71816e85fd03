package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the tests find a Docker engine: one question with a deadline, the true reason when there is
 * none, and nothing pulled to find out, even where no registry answers.
 */
class DockerEngineTest {

  /** Far above the probe's own deadline; a probe that retries pulls takes minutes. */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(45);

  @Test
  void anEngineThatDoesNotAnswerIsNamedWithItsAddress(@TempDir Path dir) {
    String address = "unix://" + dir.resolve("docker.sock");

    Optional<String> reason =
        assertTimeoutPreemptively(
            ANSWER_WITHIN, () -> DockerEngine.unavailable(Map.of("DOCKER_HOST", address)));

    assertThat(reason)
        .hasValueSatisfying(
            text -> assertThat(text).startsWith("no Docker engine answers at " + address));
  }

  @Test
  @ExtendWith(Backends.RequiresDocker.class)
  void anEngineIsFoundWithoutPullingAnything() {
    List<String> imagesBefore = DockerEngine.images();

    Optional<String> reason =
        assertTimeoutPreemptively(ANSWER_WITHIN, () -> DockerEngine.unavailable());

    assertThat(reason).isEmpty();
    assertThat(DockerEngine.images()).containsExactlyInAnyOrderElementsOf(imagesBefore);
  }

  @Test
  @ExtendWith(Backends.RequiresDocker.class)
  void anImageTheEngineLacksIsNamedWithTheWayToGetIt() {
    String absent = "traced-services/never-built:0";

    assertTimeoutPreemptively(
        Duration.ofMinutes(2),
        () ->
            assertThatThrownBy(() -> DockerEngine.require(List.of(absent)))
                .hasMessageContaining("lacks [" + absent + "]")
                .hasMessageContaining("scripts/docker-engine.sh start"));
  }
}
