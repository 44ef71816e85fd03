package dev.traced.e2e;

import dev.traced.e2e.Toxiproxy.Toxic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table that NetworkFaultsE2eIT runs: every hop with every toxic and the status each row
 * expects, and, once run, the same table with what was measured, in markdown.
 */
final class NetworkFaults {

  private NetworkFaults() {}

  /** One hop of the chain: the proxy in front of it and how long its caller waits. */
  enum Hop {
    GATEWAY_TO_AUTH("gateway → auth", Service.GATEWAY, Duration.ofSeconds(10)),
    AUTH_TO_ORDER("auth → order", Service.AUTH, Duration.ofSeconds(5)),
    ORDER_TO_DATABASE("order → PostgreSQL", Service.ORDER, Duration.ofSeconds(3)),
    TELEMETRY("services → Jaeger", null, Duration.ofSeconds(1));

    final String label;

    /** The service whose span fails when this hop does; none for telemetry. */
    final Service caller;

    /**
     * AUTH_TIMEOUT_MS at the gateway, ORDER_TIMEOUT_MS at auth, order-service's database limit; for
     * telemetry, the longest a request may take (as in TelemetryOutageE2eIT).
     */
    final Duration timeout;

    Hop(String label, Service caller, Duration timeout) {
      this.label = label;
      this.caller = caller;
      this.timeout = timeout;
    }

    String proxyName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One row: {@code toxic} on {@code hop}, and the status the gateway must answer.
   *
   * @param shown the toxic as the table names it
   * @param status 201 where the toxic is mild, else the documented 5xx
   */
  record Row(Hop hop, Toxic toxic, String shown, int status) {
    @Override
    public String toString() {
      return hop.label + ": " + shown;
    }
  }

  /**
   * What the gateway answered under a toxic.
   *
   * @param status its status
   * @param millis how long it took (while only telemetry is degraded: the slowest of several)
   * @param failingSpan the span that shows the failed hop, as the table names it
   * @param retry what the retry with the same Idempotency-Key got
   */
  record Answer(int status, long millis, String failingSpan, String retry) {}

  /**
   * One row as it ran.
   *
   * @param growth the most threads and sockets a service held once the fault was removed beyond
   *     what it held at the start
   */
  record Measured(Row row, Answer answer, String growth) {}

  /**
   * Each of Toxiproxy's toxics on each hop, on the answers' direction: there a fault can lose the
   * answer to an order that was stored, which is what the retry must not double.
   */
  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Hop hop : Hop.values()) {
      // Telemetry never fails a request. An order's answer comes back through auth: a 5xx behind
      // auth-service is a 502 at the gateway.
      int timedOut = hop == Hop.TELEMETRY ? 201 : hop == Hop.GATEWAY_TO_AUTH ? 504 : 502;
      int broken = hop == Hop.TELEMETRY ? 201 : 502;
      rows.add(row(hop, "latency", "300 ± 100 ms", 201, "latency", 300, "jitter", 100));
      rows.add(row(hop, "bandwidth", "1 KB/s", 201, "rate", 1));
      rows.add(row(hop, "slow_close", "1 s", 201, "delay", 1000));
      rows.add(row(hop, "timeout", "0: no data, held open", timedOut, "timeout", 0));
      rows.add(row(hop, "reset_peer", "0: RST at once", broken, "timeout", 0));
      rows.add(row(hop, "limit_data", "64 bytes, then closed", broken, "bytes", 64));
    }
    return rows;
  }

  /** A row of the toxic {@code type} on the answers of {@code hop}, with its settings in pairs. */
  private static Row row(Hop hop, String type, String shown, int status, Object... settings) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      attributes.put((String) settings[i], settings[i + 1]);
    }
    return new Row(hop, Toxic.downstream(type, attributes), "`" + type + "` " + shown, status);
  }

  /**
   * The measured rows as a markdown table, after a line on the normal speed: the slowest of {@code
   * requests} orders without a toxic took {@code normalSlowest} ms.
   */
  static String markdown(List<Measured> measured, int requests, long normalSlowest) {
    StringBuilder table =
        new StringBuilder(
            String.format(
                "Orders created through the gateway, one toxic at a time; without one the slowest"
                    + " of %d took %d ms.%n%n",
                requests, normalSlowest));
    table.append(
        "| Hop | Toxic | Answer | Time (ms) | Failing span: `error.type` | Retry, same key"
            + " | Threads / sockets after |\n|---|---|---|---|---|---|---|\n");
    for (Measured row : measured) {
      Answer answer = row.answer();
      table.append(
          String.format(
              "| %s | %s | %d | %d | %s | %s | %s |%n",
              row.row().hop().label,
              row.row().shown(),
              answer.status(),
              answer.millis(),
              answer.failingSpan(),
              answer.retry(),
              row.growth()));
    }
    return table.toString();
  }
}
