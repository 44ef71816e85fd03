package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQL itself, on a real migrated H2 database, without HTTP in between. */
class OrderRepositoryTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private String url;
  private Database database;
  private OrderRepository repository;

  @BeforeEach
  void open() {
    url = "jdbc:h2:mem:repo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    database = Database.open(url, "sa", "");
    repository = new OrderRepository(database.dataSource());
  }

  @AfterEach
  void close() throws SQLException {
    database.close();
    try (var connection = DriverManager.getConnection(url, "sa", "")) {
      connection.createStatement().execute("SHUTDOWN");
    }
  }

  @Test
  void listsOnlyTheNewestOrdersSoTheAnswerDoesNotGrowWithTheTable() throws SQLException {
    for (int i = 0; i < OrderRepository.LIST_LIMIT + 5; i++) {
      repository.insert("alice", new NewOrder("item " + i, 1), null, NOW.plusSeconds(i));
    }

    var listed = repository.findByUser("alice");

    assertThat(listed).hasSize(OrderRepository.LIST_LIMIT);
    assertThat(listed.get(0).item()).isEqualTo("item " + (OrderRepository.LIST_LIMIT + 4));
    assertThat(listed.get(listed.size() - 1).item()).isEqualTo("item 5");
  }

  @Test
  void secondInsertWithSameKeyLosesOnTheUniqueConstraint() throws SQLException {
    // What a concurrent retry meets when it passed the look-up before the first one committed.
    Optional<Order> first = repository.insert("alice", new NewOrder("book", 2), "k", NOW);
    Optional<Order> second = repository.insert("alice", new NewOrder("book", 2), "k", NOW);

    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    assertThat(repository.findByUser("alice")).containsExactly(first.get());
    assertThat(repository.findByIdempotencyKey("alice", "k")).isEqualTo(first);
  }

  @Test
  void ordersWithoutKeyNeverCollide() throws SQLException {
    Order first = repository.insert("alice", new NewOrder("book", 2), null, NOW).orElseThrow();
    Order second = repository.insert("alice", new NewOrder("book", 2), null, NOW).orElseThrow();

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(repository.findByUser("alice")).containsExactly(second, first);
  }

  @Test
  void storedOrderReadsBackUnchanged() throws SQLException {
    Order stored = repository.insert("alice", new NewOrder("book", 2), null, NOW).orElseThrow();

    assertThat(repository.findById("alice", stored.id())).hasValue(stored);
    assertThat(stored).isEqualTo(new Order(stored.id(), "alice", "book", 2, NOW));
  }

  @Test
  void orderOfAnotherUserIsNotFound() throws SQLException {
    Order stored = repository.insert("bob", new NewOrder("book", 2), null, NOW).orElseThrow();

    assertThat(repository.findById("alice", stored.id())).isEmpty();
  }

  @Test
  void databaseRejectsQuantityOutOfRangeToo() {
    // The CHECK constraint backs the API validation if another writer ever skips it.
    assertThatThrownBy(() -> repository.insert("alice", new NewOrder("book", 0), null, NOW))
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("23513");
  }
}
