package dev.traced.telemetry.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for microbenchmarks: its connection, statement and result set do no database
 * work. They are dynamic proxies, so each call costs a little; a benchmark subtracts the same calls
 * made without tracing. The connection reports a PostgreSQL URL, as production's does.
 */
public final class StandInDataSource {

  static final String URL = "jdbc:postgresql://postgres:5432/orders";

  private StandInDataSource() {}

  /** A data source that hands out the same connection, statement and result set every time. */
  public static DataSource create() {
    ResultSet resultSet = proxy(ResultSet.class, Map.of());
    PreparedStatement statement =
        proxy(PreparedStatement.class, Map.of(ResultSet.class, resultSet));
    Connection connection =
        proxy(
            Connection.class,
            Map.of(
                PreparedStatement.class, statement,
                Statement.class, statement,
                DatabaseMetaData.class, proxy(DatabaseMetaData.class, Map.of())));
    return proxy(DataSource.class, Map.of(Connection.class, connection));
  }

  /** A {@code type} whose methods return the object {@code parts} holds for their return type. */
  private static <T> T proxy(Class<T> type, Map<Class<?>, Object> parts) {
    return type.cast(
        Proxy.newProxyInstance(
            StandInDataSource.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> answer(self, method, args, parts)));
  }

  private static Object answer(
      Object self, Method method, Object[] args, Map<Class<?>, Object> parts) {
    Class<?> returned = method.getReturnType();
    Object part = parts.get(returned);
    if (part != null) {
      return part;
    }
    switch (method.getName()) {
      case "getURL":
        return URL;
      case "equals":
        return self == args[0];
      case "hashCode":
        return System.identityHashCode(self);
      case "toString":
        return "stand-in " + method.getDeclaringClass().getSimpleName();
      default:
        break;
    }
    if (returned == Properties.class) {
      return new Properties();
    }
    if (returned == boolean.class) {
      return false;
    }
    if (returned == int.class) {
      return 0;
    }
    if (returned == long.class) {
      return 0L;
    }
    return null;
  }
}
