package dev.traced.e2e;

import org.junit.jupiter.api.extension.ExtendWith;

/** The same checks against docker-compose.yml as shipped (PostgreSQL included); needs Docker. */
@ExtendWith(Backends.RequiresDocker.class)
class ComposeE2eIT extends EndToEndChecks {

  @Override
  DeployedSystem startSystem() {
    return ComposeSystem.start();
  }
}
