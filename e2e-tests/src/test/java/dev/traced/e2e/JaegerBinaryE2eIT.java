package dev.traced.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checks against the real Jaeger binary (built by scripts/install-jaeger.sh, or JAEGER_BIN)
 * and the three services as separate processes; what CI runs.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
class JaegerBinaryE2eIT extends EndToEndChecks {

  @Override
  DeployedSystem startSystem() {
    Path workDir = RepoFiles.root().resolve("e2e-tests/target/e2e-binary");
    Path binary = Backends.jaegerBinary();
    Database database = Backends.database(workDir);
    Jaeger jaeger = JaegerProcess.start(binary, workDir);
    try {
      return LocalProcesses.start(jaeger, database, workDir);
    } catch (RuntimeException e) {
      jaeger.close();
      throw e;
    }
  }
}
