package dev.traced.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * What the end-to-end tests need and how they react when it is missing: on a developer's
 * machine a test class is skipped with a one-line reason; under {@code CI=true} a missing Jaeger
 * binary or database fails the build instead.
 */
final class Backends {

  private Backends() {}

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The Jaeger binary; only called once {@link RequiresJaegerBinary} let the class run. */
  static Path jaegerBinary() {
    return JaegerProcess.locate(System.getenv())
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Jaeger binary (CI=true: a missing backend fails the build): "
                        + "run scripts/install-jaeger.sh or set JAEGER_BIN"));
  }

  /** The database for order-service; on CI it must be the PostgreSQL that .ci/run started. */
  static Database database(Path workDir) {
    Database database = Database.fromEnvironment(System.getenv(), workDir);
    if (onCi() && !database.isPostgres()) {
      fail("CI=true but E2E_DB_URL names no PostgreSQL database: .ci/run starts one");
    }
    return database;
  }

  private static ConditionEvaluationResult skip(ExtensionContext context, String reason) {
    // Surefire counts skipped tests but does not print why; this line does.
    System.err.println("[e2e] skipping " + context.getDisplayName() + ": " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  /** Runs the class where a Jaeger binary is found, or always on CI, where it must be. */
  static final class RequiresJaegerBinary implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (onCi() || JaegerProcess.locate(System.getenv()).isPresent()) {
        return ConditionEvaluationResult.enabled("Jaeger binary present, or CI=true");
      }
      return skip(context, "no Jaeger binary: run scripts/install-jaeger.sh or set JAEGER_BIN");
    }
  }

  /** Runs the class where Debian's Chromium and chromedriver are installed, or always on CI. */
  static final class RequiresChromium implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (onCi() || Browser.isInstalled()) {
        return ConditionEvaluationResult.enabled("Chromium present, or CI=true");
      }
      return skip(context, "no Chromium: apt-get install chromium chromium-driver");
    }
  }

  /**
   * Runs the class where a Docker engine answers. On CI too a machine may have none; the same
   * checks then run against the Jaeger binary only.
   */
  static final class RequiresDocker implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return dockerAnswers()
          ? ConditionEvaluationResult.enabled("Docker engine available")
          : skip(context, "no Docker engine: the Docker variants of the e2e tests need one");
    }

    private static boolean dockerAnswers() {
      // Look for an engine before asking Testcontainers, which logs every failed probe as an error.
      boolean configured =
          System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
      try {
        return configured && DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException e) {
        return false;
      }
    }
  }
}
