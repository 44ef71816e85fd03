package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The spans one request makes, counted by service and span kind: what a test waits for in Jaeger
 * before it reads a trace, so that no check depends on how soon the services export.
 *
 * <p>Every request enters at the gateway and goes down one chain: gateway SERVER, gateway CLIENT,
 * auth SERVER, auth CLIENT, order SERVER, then one database CLIENT span per statement. The
 * factories say how far down the chain a request goes.
 */
public final class ExpectedSpans {

  /**
   * A created order: down to order-service, which looks for an order already stored under the
   * {@code Idempotency-Key} (SELECT) and stores it (INSERT). Seven spans.
   */
  public static final ExpectedSpans CREATED_ORDER = answeredByOrder(2);

  /** A list of orders, or one order read by id: down to order-service and one SELECT. */
  static final ExpectedSpans READ_ORDERS = answeredByOrder(1);

  /** Where a span was recorded: the service that reported it and the span's kind. */
  private record Hop(String service, String kind) {
    Hop(Service service, String kind) {
      this(service.serviceName, kind);
    }

    @Override
    public String toString() {
      return service + " " + kind;
    }
  }

  /** Spans per hop, in the order of the chain. */
  private final Map<Hop, Integer> counts;

  private ExpectedSpans(Map<Hop, Integer> counts) {
    this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** Rejected by the gateway before routing: its SERVER span alone. */
  static ExpectedSpans rejectedByGateway() {
    return new ExpectedSpans(Map.of(new Hop(Service.GATEWAY, "server"), 1));
  }

  /**
   * Answered by auth-service itself (a login, a bad token): gateway SERVER and CLIENT, auth SERVER.
   */
  static ExpectedSpans answeredByAuth() {
    Map<Hop, Integer> counts = new LinkedHashMap<>(rejectedByGateway().counts);
    counts.put(new Hop(Service.GATEWAY, "client"), 1);
    counts.put(new Hop(Service.AUTH, "server"), 1);
    return new ExpectedSpans(counts);
  }

  /** auth-service's call to order-service got no answer: its CLIENT span, no span of order. */
  static ExpectedSpans orderUnreachable() {
    Map<Hop, Integer> counts = new LinkedHashMap<>(answeredByAuth().counts);
    counts.put(new Hop(Service.AUTH, "client"), 1);
    return new ExpectedSpans(counts);
  }

  /** Answered by order-service after {@code statements} database statements. */
  static ExpectedSpans answeredByOrder(int statements) {
    Map<Hop, Integer> counts = new LinkedHashMap<>(orderUnreachable().counts);
    counts.put(new Hop(Service.ORDER, "server"), 1);
    if (statements > 0) {
      counts.put(new Hop(Service.ORDER, "client"), statements);
    }
    return new ExpectedSpans(counts);
  }

  /** Whether {@code trace} holds at least these spans; it may hold others too. */
  public boolean heldBy(JaegerTrace trace) {
    Map<Hop, Integer> actual = countsIn(trace);
    return counts.entrySet().stream()
        .allMatch(expected -> actual.getOrDefault(expected.getKey(), 0) >= expected.getValue());
  }

  /**
   * Fails unless {@code trace} holds exactly these spans: none missing, none beyond. Meaningful
   * once {@link #heldBy} was true: then a span beyond would be one too many, not one early.
   */
  void assertExactly(JaegerTrace trace) {
    assertThat(countsIn(trace)).as("spans by service and kind in %s", trace).isEqualTo(counts);
  }

  private static Map<Hop, Integer> countsIn(JaegerTrace trace) {
    Map<Hop, Integer> actual = new LinkedHashMap<>();
    for (JaegerSpan span : trace.spans()) {
      actual.merge(new Hop(span.service(), span.kind()), 1, Integer::sum);
    }
    return actual;
  }

  @Override
  public String toString() {
    return counts.entrySet().stream()
        .map(count -> count.getValue() + " " + count.getKey())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
