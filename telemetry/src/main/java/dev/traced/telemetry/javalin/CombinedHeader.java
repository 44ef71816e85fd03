package dev.traced.telemetry.javalin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.StringJoiner;

/**
 * A request header read as one value even when the caller sent it as several lines.
 *
 * <p>RFC 9110, section 5.3, lets a recipient combine the field lines of one name into one value:
 * the lines in order, joined by commas. W3C Trace Context requires it for {@code tracestate}, and
 * it is also what makes two {@code traceparent} lines one invalid value, so that the request starts
 * a new trace instead of continuing whichever line a server happened to read first.
 */
final class CombinedHeader {

  private CombinedHeader() {}

  /** The lines of header {@code name} joined by {@code ","}; {@code null} when there is none. */
  static String of(HttpServletRequest request, String name) {
    Enumeration<String> lines = request.getHeaders(name);
    if (lines == null || !lines.hasMoreElements()) {
      return null;
    }
    String first = lines.nextElement();
    if (!lines.hasMoreElements()) {
      return first; // the usual case: one line, nothing to join
    }
    StringJoiner combined = new StringJoiner(",").add(first);
    while (lines.hasMoreElements()) {
      combined.add(lines.nextElement());
    }
    return combined.toString();
  }
}
