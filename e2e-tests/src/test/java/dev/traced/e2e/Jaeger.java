package dev.traced.e2e;

import java.net.URI;

/** A running Jaeger: where spans go in, where the query API answers. */
public interface Jaeger extends AutoCloseable {

  /** The OTLP/HTTP endpoint, for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  URI otlpHttpEndpoint();

  /**
   * The OTLP/HTTP endpoint for {@code service}: the same for all, unless a topology spreads the
   * services over several receivers.
   */
  default URI otlpHttpEndpoint(Service service) {
    return otlpHttpEndpoint();
  }

  /**
   * What the gateway's {@code TRACE_SAMPLING} says of this topology: {@code all} when it stores
   * every trace, {@code tail} when a tail sampler drops some on the way.
   */
  default String traceSampling() {
    return "all";
  }

  /** The base URL of the query API (port 16686 by default). */
  URI queryUrl();

  @Override
  void close();
}
