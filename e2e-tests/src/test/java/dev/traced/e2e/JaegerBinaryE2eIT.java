package dev.traced.e2e;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checks against the real Jaeger binary (built by scripts/install-jaeger.sh, or JAEGER_BIN) and
 * the three services as separate processes; what CI runs.
 */
@ExtendWith(Backends.RequiresJaegerBinary.class)
class JaegerBinaryE2eIT extends EndToEndChecks {

  @Override
  DeployedSystem startSystem() {
    return LocalProcesses.withJaegerBinary("e2e-binary");
  }
}
