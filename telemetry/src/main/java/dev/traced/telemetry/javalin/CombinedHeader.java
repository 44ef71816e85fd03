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

  /**
   * {@code list} without its empty and whitespace-only members, and without the optional whitespace
   * around the others.
   *
   * <p>W3C Trace Context allows such members in {@code tracestate} ("it is difficult for a vendor
   * to recognize the empty value when multiple tracestate headers are sent") and lets optional
   * whitespace be left out when propagating. OpenTelemetry's W3C propagator, though, discards the
   * whole {@code tracestate} when it meets an empty member, as in {@code ",foo=1"}, which is what
   * combining an empty line with a full one produces.
   */
  static String withoutEmptyMembers(String list) {
    StringJoiner kept = new StringJoiner(",");
    for (String member : list.split(",", -1)) {
      String trimmed = trimOptionalWhitespace(member);
      if (!trimmed.isEmpty()) {
        kept.add(trimmed);
      }
    }
    return kept.toString();
  }

  /** Strips spaces and horizontal tabs, the optional whitespace (OWS) of RFC 9110. */
  private static String trimOptionalWhitespace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isOptionalWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isOptionalWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isOptionalWhitespace(char c) {
    return c == ' ' || c == '\t';
  }
}
