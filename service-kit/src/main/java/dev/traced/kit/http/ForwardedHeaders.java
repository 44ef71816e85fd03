package dev.traced.kit.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/**
 * Reads the request headers that a service passes on to the next one. {@code java.net.http} writes
 * header values as US-ASCII, with {@code ?} for every other character, so a value with any other
 * character would arrive changed: two different {@code Idempotency-Key}s would both arrive as
 * {@code ???} and name the same order. Such a value is a 400 at the hop that would pass it on.
 */
public final class ForwardedHeaders {

  private ForwardedHeaders() {}

  /**
   * The value of header {@code name} of the request, or {@code null} without one.
   *
   * @throws BadRequestResponse when the value has a character other than visible ASCII, space or
   *     tab
   */
  public static String value(Context ctx, String name) {
    String value = ctx.header(name);
    if (value != null && !value.chars().allMatch(ForwardedHeaders::isPassedUnchanged)) {
      throw new BadRequestResponse(name + " must be visible ASCII characters");
    }
    return value;
  }

  private static boolean isPassedUnchanged(int c) {
    return c == '\t' || (c >= 0x20 && c <= 0x7e);
  }
}
