package dev.traced.order;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Records which order the current request is about, as {@code order.id} on its span, so that Jaeger
 * finds every request that touched one order. An attribute of this service's own.
 */
final class CurrentOrder {

  /** The order a request created or read: {@code order.id}. */
  static final AttributeKey<Long> ORDER_ID = AttributeKey.longKey("order.id");

  private CurrentOrder() {}

  /** Sets {@code orderId} as the order of the current request. */
  static void is(long orderId) {
    Span.current().setAttribute(ORDER_ID, orderId);
  }
}
