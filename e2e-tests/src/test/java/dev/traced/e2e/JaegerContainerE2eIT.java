package dev.traced.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same checks with Jaeger in a container, the image compose runs, and the services as
 * processes; needs a Docker engine.
 */
@ExtendWith(Backends.RequiresDocker.class)
class JaegerContainerE2eIT extends EndToEndChecks {

  @Override
  DeployedSystem startSystem() {
    Path workDir = RepoFiles.root().resolve("e2e-tests/target/e2e-container");
    Database database = Backends.database(workDir);
    Jaeger jaeger = JaegerContainer.start();
    try {
      return LocalProcesses.start(jaeger, database, workDir);
    } catch (RuntimeException e) {
      jaeger.close();
      throw e;
    }
  }
}
