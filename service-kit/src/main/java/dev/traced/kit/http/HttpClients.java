package dev.traced.kit.http;

import static java.util.Objects.requireNonNull;

import dev.traced.telemetry.http.JavaHttpClientTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpClient;
import java.time.Duration;

/** The client a service calls the next service with, the same in every service. */
public final class HttpClients {

  /** Time allowed to open a connection, unless the whole call is allowed less: 2 seconds. */
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private HttpClients() {}

  /**
   * A traced HTTP/1.1 client for calls that may take {@code callTimeout} in all: it connects within
   * {@link #MAX_CONNECT_TIMEOUT} or {@code callTimeout}, whichever is shorter. Set {@code
   * callTimeout} on each request too ({@code HttpRequest.Builder.timeout}): a client has no timeout
   * for the whole exchange.
   */
  public static HttpClient traced(OpenTelemetry openTelemetry, Duration callTimeout) {
    requireNonNull(callTimeout, "callTimeout");
    Duration connectTimeout =
        callTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? callTimeout : MAX_CONNECT_TIMEOUT;
    return JavaHttpClientTelemetry.create(openTelemetry)
        .newHttpClient(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build());
  }
}
