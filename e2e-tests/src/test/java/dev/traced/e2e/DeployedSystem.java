package dev.traced.e2e;

import java.net.URI;
import java.util.List;

/** The whole system as the end-to-end checks see it from outside. */
interface DeployedSystem extends AutoCloseable {

  /** Base URL of the public API. */
  URI gatewayUrl();

  /** Base URL of Jaeger's query API. */
  URI jaegerQueryUrl();

  /** The {@code db.system} that order-service's database spans must name. */
  String databaseSystem();

  /** Every line {@code service} has written to stdout so far. */
  List<String> outputLines(Service service);

  /** Stops {@code service} (SIGTERM). */
  void stop(Service service);

  /** Starts {@code service} again after {@link #stop} and waits until it is healthy. */
  void start(Service service);

  @Override
  void close();
}
