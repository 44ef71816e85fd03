package dev.traced.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads and writes the {@code orders} table with plain JDBC. */
final class OrderRepository {

  /** SQLState of a unique constraint violation, the same in H2 and PostgreSQL: {@value}. */
  static final String UNIQUE_VIOLATION = "23505";

  /** The most orders one list returns: {@value}. An answer must not grow with the table. */
  static final int LIST_LIMIT = 50;

  private static final String COLUMNS = "id, user_id, item, quantity, created_at";

  private final DataSource dataSource;

  /** Repository on {@code dataSource}, which should be traced so each statement is a span. */
  OrderRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores a new order, or returns empty when {@code userId} already has an order under {@code
   * idempotencyKey} (a concurrent retry got there first).
   */
  Optional<Order> insert(String userId, NewOrder order, String idempotencyKey, Instant createdAt)
      throws SQLException {
    String sql =
        "INSERT INTO orders (user_id, item, quantity, idempotency_key, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
      statement.setString(1, userId);
      statement.setString(2, order.item());
      statement.setInt(3, order.quantity());
      if (idempotencyKey == null) {
        statement.setNull(4, Types.VARCHAR);
      } else {
        statement.setString(4, idempotencyKey);
      }
      statement.setObject(5, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
      statement.executeUpdate();
      try (ResultSet keys = statement.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database returned no generated id");
        }
        return Optional.of(
            new Order(keys.getLong(1), userId, order.item(), order.quantity(), createdAt));
      }
    } catch (SQLException e) {
      if (idempotencyKey != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Runs a query that takes {@code delay}: the demo's slow database, a real slow statement with its
   * own span rather than a pause in the code.
   */
  void slowQuery(Duration delay) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT demo_sleep(?)")) {
      statement.setInt(1, Math.toIntExact(delay.toMillis()));
      statement.execute();
    }
  }

  /** The order of {@code userId} stored under {@code idempotencyKey}, if any. */
  Optional<Order> findByIdempotencyKey(String userId, String idempotencyKey) throws SQLException {
    return first(
        "SELECT " + COLUMNS + " FROM orders WHERE user_id = ? AND idempotency_key = ?",
        userId,
        idempotencyKey);
  }

  /** The order {@code id} if it belongs to {@code userId}. */
  Optional<Order> findById(String userId, long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM orders WHERE id = ? AND user_id = ?")) {
      statement.setLong(1, id);
      statement.setString(2, userId);
      return readAll(statement).stream().findFirst();
    }
  }

  /** The newest {@value #LIST_LIMIT} orders of {@code userId}, newest first. */
  List<Order> findByUser(String userId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM orders WHERE user_id = ?"
                    // id breaks ties between orders stored in the same microsecond.
                    + " ORDER BY created_at DESC, id DESC LIMIT "
                    + LIST_LIMIT)) {
      statement.setString(1, userId);
      return readAll(statement);
    }
  }

  private Optional<Order> first(String sql, String first, String second) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, first);
      statement.setString(2, second);
      return readAll(statement).stream().findFirst();
    }
  }

  private static List<Order> readAll(PreparedStatement statement) throws SQLException {
    List<Order> orders = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        orders.add(
            new Order(
                rows.getLong("id"),
                rows.getString("user_id"),
                rows.getString("item"),
                rows.getInt("quantity"),
                rows.getObject("created_at", OffsetDateTime.class).toInstant()));
      }
    }
    return orders;
  }
}
