package dev.traced.telemetry.propagation;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@code tracestate} read and kept by the rules of W3C Trace Context Level 2.
 *
 * <p>OpenTelemetry Java's own {@link TraceState} still checks keys against Level 1's split into a
 * tenant of at most 241 and a vendor of at most 14 characters around one {@code @}, and discards
 * the whole list on a duplicated key. Level 2 made {@code @} an ordinary key character and lets a
 * receiver remove duplicates, so a list such as {@code foo@@bar=1,foo=1,foo=2} is valid there and
 * must travel on. This class holds such a list: the SDK copies it to every span of the trace, and
 * the W3C propagator writes it out through {@link #forEach} without checking it again.
 *
 * <p>What is still refused, whole, as the specification asks: a member that is not {@code
 * key=value} in the Level 2 grammar, and more than 32 members.
 */
final class W3CTraceState implements TraceState {

  /** At most this many list-members; a longer list is discarded, a mutation drops the oldest. */
  static final int MAX_MEMBERS = 32;

  private static final int MAX_KEY_LENGTH = 256;
  private static final int MAX_VALUE_LENGTH = 256;

  private static final W3CTraceState EMPTY = new W3CTraceState(List.of());

  /** The list-members in order, most recent first; no key twice. */
  private final List<Map.Entry<String, String>> members;

  private W3CTraceState(List<Map.Entry<String, String>> members) {
    this.members = members;
  }

  private static W3CTraceState of(Map<String, String> members) {
    if (members.isEmpty()) {
      return EMPTY;
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>(members.size());
    members.forEach((key, value) -> entries.add(Map.entry(key, value)));
    return new W3CTraceState(Collections.unmodifiableList(entries));
  }

  /**
   * The list in {@code header} (lines already combined with commas), or the empty state when there
   * is none or it is not valid. Empty members and the optional whitespace around members are left
   * out; of a duplicated key, the first (most recent) member is kept and the others removed, which
   * Level 2 allows.
   */
  static TraceState parse(String header) {
    if (header == null || header.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> members = new LinkedHashMap<>();
    int count = 0;
    for (String member : header.split(",", -1)) {
      String trimmed = trimOptionalWhitespace(member);
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals < 0 || ++count > MAX_MEMBERS) {
        return EMPTY;
      }
      String key = trimmed.substring(0, equals);
      String value = trimmed.substring(equals + 1);
      if (!isValidKey(key) || !isValidValue(value)) {
        return EMPTY;
      }
      members.putIfAbsent(key, value);
    }
    return of(members);
  }

  /**
   * {@code key = ( lcalpha / DIGIT ) 0*255( keychar )}, {@code keychar = lcalpha / DIGIT / "_" /
   * "-" / "*" / "/" / "@"}.
   */
  static boolean isValidKey(String key) {
    int length = key.length();
    if (length == 0 || length > MAX_KEY_LENGTH || !isLowerAlphaOrDigit(key.charAt(0))) {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = key.charAt(i);
      if (!isLowerAlphaOrDigit(c) && "_-*/@".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code value = 0*255( chr ) nblk-chr}: printable ASCII but {@code ,} and {@code =}, with spaces
   * allowed anywhere but at the end.
   */
  static boolean isValidValue(String value) {
    int length = value.length();
    if (length == 0 || length > MAX_VALUE_LENGTH || value.charAt(length - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlphaOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Strips spaces and horizontal tabs, the optional whitespace (OWS) around list-members. */
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

  @Override
  public String get(String key) {
    for (Map.Entry<String, String> member : members) {
      if (member.getKey().equals(key)) {
        return member.getValue();
      }
    }
    return null;
  }

  @Override
  public int size() {
    return members.size();
  }

  @Override
  public boolean isEmpty() {
    return members.isEmpty();
  }

  @Override
  public void forEach(BiConsumer<String, String> consumer) {
    members.forEach(member -> consumer.accept(member.getKey(), member.getValue()));
  }

  @Override
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  /** A builder that keeps the Level 2 rules: see {@link Builder}. */
  @Override
  public TraceStateBuilder toBuilder() {
    return new Builder(asMap());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof W3CTraceState that && members.equals(that.members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  /** The list as it goes out in the header: {@code key=value} members joined by commas. */
  @Override
  public String toString() {
    StringBuilder header = new StringBuilder();
    forEach(
        (key, value) -> {
          if (!header.isEmpty()) {
            header.append(',');
          }
          header.append(key).append('=').append(value);
        });
    return header.toString();
  }

  /**
   * Mutates a {@code tracestate} as Level 2 says: a key put is moved to the front (it is now the
   * most recent position), a member with an invalid key or value is ignored, as OpenTelemetry's
   * builder ignores it, and when the list would grow past 32 members the right-most is removed.
   */
  static final class Builder implements TraceStateBuilder {
    private final LinkedHashMap<String, String> members;

    private Builder(Map<String, String> members) {
      this.members = new LinkedHashMap<>(members);
    }

    @Override
    public TraceStateBuilder put(String key, String value) {
      if (key == null || value == null || !isValidKey(key) || !isValidValue(value)) {
        return this;
      }
      LinkedHashMap<String, String> before = new LinkedHashMap<>(members);
      before.remove(key);
      members.clear();
      members.put(key, value);
      before.forEach(
          (oldKey, oldValue) -> {
            if (members.size() < MAX_MEMBERS) {
              members.put(oldKey, oldValue);
            }
          });
      return this;
    }

    @Override
    public TraceStateBuilder remove(String key) {
      members.remove(key);
      return this;
    }

    @Override
    public TraceState build() {
      return of(members);
    }
  }
}
