package dev.traced.telemetry.javalin;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baggage a request brings in, as the service should see it: entries the caller may not set
 * are dropped, and entries this service derives from request headers are added. Computed before
 * the SERVER span starts, so the span, the logs and the next hop all see the same baggage.
 */
final class InboundBaggage {

  private static final Logger log = LoggerFactory.getLogger(InboundBaggage.class);

  /** Values taken from headers are short tokens; anything else is ignored, never propagated. */
  private static final Pattern HEADER_VALUE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final W3CBaggagePropagator W3C = W3CBaggagePropagator.getInstance();

  private final Set<String> allowList;
  private final Map<String, String> fromHeaders;

  /**
   * @param allowList baggage keys accepted from the caller; {@code null} accepts all
   * @param fromHeaders request header name to the baggage key its value becomes
   */
  InboundBaggage(Set<String> allowList, Map<String, String> fromHeaders) {
    this.allowList = allowList == null ? null : Set.copyOf(allowList);
    this.fromHeaders = Map.copyOf(fromHeaders);
  }

  /** Whether requests pass through unchanged, the case for services behind the gateway. */
  boolean isPassThrough() {
    return allowList == null && fromHeaders.isEmpty();
  }

  /** The {@code baggage} header value that stands for the request's baggage from now on. */
  String effectiveHeader(HttpServletRequest request) {
    // The usual request brings neither: skip parsing and serialising an empty baggage.
    if (request.getHeader("baggage") == null
        && fromHeaders.keySet().stream().allMatch(header -> request.getHeader(header) == null)) {
      return "";
    }
    BaggageBuilder baggage = Baggage.empty().toBuilder();
    Baggage.fromContext(W3C.extract(Context.root(), request, ServletRequestAttributes.INSTANCE))
        .forEach(
            (key, entry) -> {
              if (allowList == null || allowList.contains(key)) {
                baggage.put(key, entry.getValue(), entry.getMetadata());
              }
            });
    fromHeaders.forEach(
        (header, key) -> {
          String value = request.getHeader(header);
          if (value == null) {
            return;
          }
          if (HEADER_VALUE.matcher(value).matches()) {
            baggage.put(key, value);
          } else {
            log.info("ignored header {}: not a short token", header);
          }
        });
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(Context.root().with(baggage.build()), carrier, Map::put);
    return carrier.getOrDefault(W3C.fields().iterator().next(), "");
  }
}
