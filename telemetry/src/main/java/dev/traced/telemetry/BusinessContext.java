package dev.traced.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * The business facts a handler may attach to the span of the current request, under one set of
 * attribute names for all services. Handlers call these instead of touching spans themselves.
 */
public final class BusinessContext {

  /** The authenticated user, {@code enduser.id}. */
  public static final AttributeKey<String> ENDUSER_ID = AttributeKey.stringKey("enduser.id");

  /** The order a request created or read, {@code order.id}. */
  public static final AttributeKey<Long> ORDER_ID = AttributeKey.longKey("order.id");

  private BusinessContext() {}

  /** Records who the current request acts for. */
  public static void user(String userId) {
    Span.current().setAttribute(ENDUSER_ID, userId);
  }

  /** Records which order the current request is about. */
  public static void order(long orderId) {
    Span.current().setAttribute(ORDER_ID, orderId);
  }
}
