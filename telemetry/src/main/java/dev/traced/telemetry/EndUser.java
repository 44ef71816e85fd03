package dev.traced.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Records who the current request acts for, as the semantic-convention attribute {@code enduser.id}
 * on its span, so that Jaeger can find every request of one user. Handlers call this instead of
 * touching spans themselves.
 */
public final class EndUser {

  /** The authenticated user: {@code enduser.id}. */
  public static final AttributeKey<String> ENDUSER_ID = AttributeKey.stringKey("enduser.id");

  private EndUser() {}

  /** Sets {@code userId} as the user of the current request. */
  public static void is(String userId) {
    Span.current().setAttribute(ENDUSER_ID, userId);
  }
}
