package dev.traced.e2e;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment each service process gets: exactly the variable names docker-compose.yml uses
 * (ComposeFileTest holds the two to each other), with loopback addresses.
 */
final class ServiceEnvironment {

  /** A short export delay so traces are complete in Jaeger moments after a request. */
  static final String BATCH_DELAY_MILLIS = "200";

  private ServiceEnvironment() {}

  /**
   * The variables of {@code service}.
   *
   * @param otlpEndpoint Jaeger's OTLP/HTTP address
   * @param jaegerQueryUrl Jaeger's query API and UI, for the demo page
   * @param traceSampling which traces Jaeger stores ({@link Jaeger#traceSampling()}), for the demo
   *     page
   * @param ports the port of each service
   * @param database order-service's database
   */
  static Map<String, String> of(
      Service service,
      URI otlpEndpoint,
      URI jaegerQueryUrl,
      String traceSampling,
      Map<Service, Integer> ports,
      Database database) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint.toString());
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_TRACES_SAMPLER", "parentbased_always_on");
    env.put("OTEL_BSP_SCHEDULE_DELAY", BATCH_DELAY_MILLIS);
    env.put("OTEL_SERVICE_NAME", service.serviceName);
    env.put("LOG_SPAN_EVENTS_LEVEL", "INFO");
    env.put("HOST", "127.0.0.1");
    env.put("PORT", String.valueOf(ports.get(service)));
    switch (service) {
      case ORDER -> {
        env.put("DB_URL", database.url());
        env.put("DB_USER", database.user());
        env.put("DB_PASSWORD", database.password());
        env.put("IDENTITY_SECRET", "e2e-identity-secret-0123456789abcdef-0123");
      }
      case AUTH -> {
        env.put("ORDER_URL", "http://127.0.0.1:" + ports.get(Service.ORDER));
        env.put("TOKEN_SECRET", "e2e-token-secret-0123456789abcdef-01234567");
        env.put("IDENTITY_SECRET", "e2e-identity-secret-0123456789abcdef-0123");
      }
      case GATEWAY -> {
        env.put("AUTH_URL", "http://127.0.0.1:" + ports.get(Service.AUTH));
        env.put("BAGGAGE_ALLOWLIST", "");
        env.put("JAEGER_QUERY_URL", jaegerQueryUrl.toString());
        env.put("JAEGER_UI_URL", jaegerQueryUrl.toString());
        env.put("TRACE_SAMPLING", traceSampling);
      }
    }
    return env;
  }
}
