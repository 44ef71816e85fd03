package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Jaeger binary the tests run is the release compose runs, as it says of itself. */
@ExtendWith(Backends.RequiresJaegerBinary.class)
class JaegerBuildTest {

  @Test
  void reportsTheReleaseOfDockerCompose() {
    Command.Result version =
        Command.run(Duration.ofSeconds(30), List.of(Backends.jaegerBinary().toString(), "version"))
            .orFail();

    assertThat(version.stdout()).contains("\"gitVersion\":\"v" + JaegerProcess.VERSION + "\"");
  }
}
