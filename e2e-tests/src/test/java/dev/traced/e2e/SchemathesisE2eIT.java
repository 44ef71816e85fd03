package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schemathesis against the real chain (the three services as separate processes, PostgreSQL, the
 * Jaeger binary), driven by nothing but the gateway's {@code /openapi.json}: generated requests for
 * every operation, good and bad, and stateful sequences along the description's links (log in,
 * create an order, read it back), each response checked against the description. It passes with no
 * failure, or it prints what Schemathesis found and how to send that request again.
 *
 * <p>The order operations need a token. The test logs in as alice and gives it to every request
 * ({@code --header}). The description's links from the login carry the token too, but only the
 * stateful phase follows links, so the other phases would only ever see 401s; and a token that came
 * through a link is one Schemathesis takes for generated, so its {@code ignored_auth} check then
 * reports the 200 it gets as "API accepts invalid authentication". With the header, that check
 * sends each order operation without a token and with a wrong one, which must be a 401.
 */
@ExtendWith({Backends.RequiresJaegerBinary.class, Backends.RequiresSchemathesis.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemathesisE2eIT {

  /**
   * It decides the inputs, so two runs send the same requests. Any fixed number would do; with this
   * one the stateful phase follows every link of the description (with 2 or 20261201, five of the
   * six).
   */
  private static final long SEED = 1L;

  /**
   * The links of the description: from the login to the three order operations, and to getOrder
   * from a created (201), a replayed (200) and a listed order.
   */
  private static final int LINKS = 6;

  /** Cases per operation and phase; bounds the run to about a minute on two cores. */
  private static final int MAX_EXAMPLES = 100;

  /** The operations the description names: login, create, list and get orders. */
  private static final int OPERATIONS = 4;

  /** The demo user whose token Schemathesis sends. */
  private static final String USER = "alice";

  private LocalProcesses system;
  private Schemathesis schemathesis;

  @BeforeAll
  void start() throws SQLException {
    schemathesis = new Schemathesis(Backends.schemathesis());
    system = LocalProcesses.withJaegerBinary("e2e-schemathesis");
    // An H2 file starts empty with each run; PostgreSQL keeps what earlier runs stored.
    if (system.database().isPostgres()) {
      deleteOrdersOf(system.database(), USER);
    }
  }

  @AfterAll
  void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void isThePinnedRelease() {
    assertThat(schemathesis.version()).endsWith("version " + Schemathesis.VERSION);
  }

  @Test
  void findsNoFailureInAnyOperationOrSequence() throws Exception {
    String token = new Gateway(system.gatewayUrl()).login(USER, "wonderland");
    Path workDir = RepoFiles.root().resolve("e2e-tests/target/schemathesis");

    long started = System.nanoTime();
    Schemathesis.Outcome outcome =
        schemathesis.run(
            system.gatewayUrl().resolve("/openapi.json"),
            "Bearer " + token,
            SEED,
            MAX_EXAMPLES,
            workDir,
            Duration.ofMinutes(5));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    System.out.printf(
        "[e2e] Schemathesis %s, seed %d, up to %d examples: %d operations, %d/%d links followed,"
            + " %d cases, %d failures, %d errors in %.1f s (reports in %s)%n",
        Schemathesis.VERSION,
        SEED,
        MAX_EXAMPLES,
        outcome.operationsTested(),
        outcome.linksFollowed(),
        outcome.links(),
        outcome.cases(),
        outcome.failures(),
        outcome.errors(),
        took.toMillis() / 1000.0,
        workDir);
    assertThat(outcome.failures()).as(outcome.output()).isZero();
    assertThat(outcome.errors()).as(outcome.output()).isZero();
    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    assertThat(outcome.operations()).isEqualTo(OPERATIONS);
    assertThat(outcome.operationsTested()).isEqualTo(OPERATIONS);
    assertThat(outcome.phases())
        .as("every phase ran and passed")
        .containsOnlyKeys("examples", "coverage", "fuzzing", "stateful")
        .allSatisfy((phase, status) -> assertThat(status).as(phase).isEqualTo("success"));
    assertThat(outcome.links()).as("links in the description").isEqualTo(LINKS);
    assertThat(outcome.linksFollowed()).as("links the stateful phase followed").isEqualTo(LINKS);
    assertThat(outcome.warnings()).as("warnings about the description").isEmpty();
    assertThat(outcome.cases()).isGreaterThan(MAX_EXAMPLES);
  }

  /**
   * Deletes the orders of {@code userId}, so that every run starts from the same state: the
   * stateful phase's sequences follow what the services answer (a create with an {@code
   * Idempotency-Key} an earlier run sent is a 200 replay, not a 201), so with the same state and
   * seed it sends the same requests, and otherwise not.
   */
  private static void deleteOrdersOf(Database database, String userId) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM orders WHERE user_id = ?")) {
      delete.setString(1, userId);
      delete.executeUpdate();
    }
  }
}
