package dev.traced.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the end-to-end tests need and how they react when it is missing: on a developer's machine a
 * test class is skipped with a one-line reason; under {@code CI=true} a missing Jaeger binary,
 * Kafka, database, browser, Schemathesis or Docker engine fails the build instead.
 */
public final class Backends {

  private Backends() {}

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The Jaeger binary; only called once {@link RequiresJaegerBinary} let the class run. */
  public static Path jaegerBinary() {
    return JaegerProcess.locate(System.getenv())
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Jaeger binary (CI=true: a missing backend fails the build): "
                        + "run scripts/install-jaeger.sh or set JAEGER_BIN"));
  }

  /** The Toxiproxy server; only called once {@link RequiresToxiproxy} let the class run. */
  static Path toxiproxyBinary() {
    return Toxiproxy.locate(System.getenv())
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Toxiproxy binary (CI=true: a missing backend fails the build): "
                        + "run scripts/install-toxiproxy.sh or set TOXIPROXY_BIN"));
  }

  /** Kafka's folder; only called once {@link RequiresKafka} let the class run. */
  public static Path kafkaHome() {
    return KafkaProcess.locate(System.getenv())
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Kafka (CI=true: a missing backend fails the build): "
                        + "run scripts/install-kafka.sh or set KAFKA_HOME"));
  }

  /** The {@code st} command of Schemathesis; only called once {@link RequiresSchemathesis} did. */
  static Path schemathesis() {
    return Schemathesis.locate(System.getenv())
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Schemathesis (CI=true: a missing backend fails the build): "
                        + Schemathesis.HOW_TO_GET_IT));
  }

  /** The database for order-service; on CI it must be the PostgreSQL that .ci/run started. */
  static Database database(Path workDir) {
    Database database = Database.fromEnvironment(System.getenv(), workDir);
    if (onCi() && !database.isPostgres()) {
      fail("CI=true but E2E_DB_URL names no PostgreSQL database: .ci/run starts one");
    }
    return database;
  }

  /**
   * For one test of a class that runs without it: skips the test where Debian's Chromium is
   * missing, and fails it on CI, where it must be there.
   */
  static void requireChromium() {
    if (!onCi()) {
      Assumptions.assumeTrue(
          Browser.isInstalled(), "no Chromium: apt-get install chromium chromium-driver");
    } else if (!Browser.isInstalled()) {
      fail("CI=true but Chromium or chromedriver is missing: .ci/run installs them");
    }
  }

  private static ConditionEvaluationResult skip(ExtensionContext context, String reason) {
    // Surefire counts skipped tests but does not print why; this line does.
    System.err.println("[e2e] skipping " + context.getDisplayName() + ": " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  /** A backend a test class needs: whether this machine has it, and what to do when it has not. */
  private record Needed(boolean present, String whenMissing) {}

  private static Needed jaegerBinaryNeeded() {
    return new Needed(
        JaegerProcess.locate(System.getenv()).isPresent(),
        "no Jaeger binary: run scripts/install-jaeger.sh or set JAEGER_BIN");
  }

  /**
   * Runs the class on CI, where every backend must be there and a missing one fails the class;
   * elsewhere only where all are present, skipping it with the first one missing as the reason.
   */
  private static ConditionEvaluationResult runWhereAllPresent(
      ExtensionContext context, Needed... backends) {
    if (onCi()) {
      return ConditionEvaluationResult.enabled("CI=true: a missing backend fails the build");
    }
    for (Needed backend : backends) {
      if (!backend.present()) {
        return skip(context, backend.whenMissing());
      }
    }
    return ConditionEvaluationResult.enabled("every backend present");
  }

  /** Runs the class where a Jaeger binary is found, or always on CI, where it must be. */
  public static final class RequiresJaegerBinary implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return runWhereAllPresent(context, jaegerBinaryNeeded());
    }
  }

  /**
   * Runs the class where a Jaeger binary, a Toxiproxy server and PostgreSQL are found, or always on
   * CI, where they must be. PostgreSQL because H2 has no network hop to break, and its file cannot
   * be read by the test while order-service holds it.
   */
  static final class RequiresToxiproxy implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return runWhereAllPresent(
          context,
          jaegerBinaryNeeded(),
          new Needed(
              Toxiproxy.locate(System.getenv()).isPresent(),
              "no Toxiproxy: run scripts/install-toxiproxy.sh or set TOXIPROXY_BIN"),
          new Needed(
              Database.fromEnvironment(System.getenv(), Path.of("")).isPostgres(),
              "no PostgreSQL: set E2E_DB_URL (scripts/start-postgres.sh prints it)"));
    }
  }

  /**
   * Runs the class where a Jaeger binary and Kafka are found, or always on CI, where they must be.
   */
  public static final class RequiresKafka implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return runWhereAllPresent(
          context,
          jaegerBinaryNeeded(),
          new Needed(
              KafkaProcess.locate(System.getenv()).isPresent(),
              "no Kafka: run scripts/install-kafka.sh or set KAFKA_HOME"));
    }
  }

  /** Runs the class where Schemathesis is installed, or always on CI, where it must be. */
  static final class RequiresSchemathesis implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (onCi() || Schemathesis.locate(System.getenv()).isPresent()) {
        return ConditionEvaluationResult.enabled("Schemathesis present, or CI=true");
      }
      return skip(context, "no Schemathesis: " + Schemathesis.HOW_TO_GET_IT);
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
   * Runs the class where a Docker engine answers, or always on CI, where a missing engine fails the
   * class. Asks the engine once, with a deadline, and pulls nothing to find out.
   */
  static final class RequiresDocker implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (onCi()) {
        return ConditionEvaluationResult.enabled(
            "CI=true: a missing Docker engine fails the build");
      }
      return DockerEngine.unavailable()
          .map(reason -> skip(context, reason + "; " + DockerEngine.HOW_TO_GET_ONE))
          .orElse(ConditionEvaluationResult.enabled("Docker engine available"));
    }
  }
}
