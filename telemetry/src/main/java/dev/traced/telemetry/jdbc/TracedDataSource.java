package dev.traced.telemetry.jdbc;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import javax.sql.DataSource;

/** Makes every statement on a {@link DataSource} a CLIENT span with {@code db.*} attributes. */
public final class TracedDataSource {

  private TracedDataSource() {}

  /**
   * Wraps {@code dataSource}. Statements become spans; borrowing a connection from the pool does
   * not, since it adds a span per query that says nothing about the query. {@link
   * OpenTelemetry#noop()} returns {@code dataSource} itself, for a process that an agent (the
   * OpenTelemetry Java agent) instruments instead.
   */
  public static DataSource wrap(OpenTelemetry openTelemetry, DataSource dataSource) {
    if (openTelemetry == OpenTelemetry.noop()) {
      return dataSource;
    }
    return JdbcTelemetry.builder(openTelemetry)
        .setDataSourceInstrumenterEnabled(false)
        .build()
        .wrap(dataSource);
  }
}
