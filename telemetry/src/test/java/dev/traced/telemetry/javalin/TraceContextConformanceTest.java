package dev.traced.telemetry.javalin;

import static dev.traced.testing.RawHttp.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.traced.telemetry.javalin.PropagationChain.Hop;
import dev.traced.telemetry.javalin.PropagationChain.Traceparent;
import dev.traced.testing.RawHttp;
import dev.traced.testing.RawHttp.Line;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * W3C Trace Context Level 2 and W3C Baggage as a traced service applies them: each row sends header
 * lines over real HTTP (exactly as written, through {@link RawHttp}), then checks the SERVER span
 * and the headers the service sent on to the next hop. A row's name says what the specification
 * requires, or, where it leaves a choice, what this project (or OpenTelemetry Java 1.65, where its
 * propagator decides) chooses.
 *
 * <p>The cases follow the official suite's (w3c/trace-context, {@code test/test.py}, with the Level
 * 2 {@code tracestate} key grammar its June 2026 change tests); the suite itself runs against
 * {@code w3c-test-service}.
 */
class TraceContextConformanceTest {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_ID = "b7ad6b7169203331";

  /** The trace id of the one unsampled row, so that no other row's spans share it. */
  private static final String UNSAMPLED_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static final String VALID = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
  private static final String TRACESTATE = "congo=t61rcWkgMzE";

  private static PropagationChain chain;

  @BeforeAll
  static void start() {
    chain = PropagationChain.start(tracing -> {});
  }

  @AfterAll
  static void stop() {
    chain.close();
  }

  /** The caller's span that a row expects the SERVER span to continue. */
  record Caller(String traceId, String parentId, boolean sampled) {}

  // ---------------------------------------------------------------------------------------------
  // traceparent: every row also sends tracestate, which must go on exactly when the trace does.

  static Stream<Arguments> traceparent() {
    String t = TRACE_ID;
    String p = PARENT_ID;
    return Stream.of(
        continues("valid traceparent: continue the trace as a child of the caller's span", VALID),
        argumentSet(
            "the header name in any case: TraceParent",
            lines("TraceParent", VALID, "tracestate", TRACESTATE),
            new Caller(t, p, true)),
        argumentSet(
            "the header name in any case: TRACEPARENT",
            lines("TRACEPARENT", VALID, "tracestate", TRACESTATE),
            new Caller(t, p, true)),
        argumentSet(
            "sampled flag unset: not recorded here, passed on unset (00)",
            lines(
                "traceparent",
                "00-" + UNSAMPLED_TRACE_ID + "-" + p + "-00",
                "tracestate",
                TRACESTATE),
            new Caller(UNSAMPLED_TRACE_ID, p, false)),
        continues(
            "trace-flags 09: the sampled bit is honoured, unknown flags go out as zero",
            "00-" + t + "-" + p + "-09"),
        continues(
            "future version cc: trace-id, parent-id and flags are used, sent as 00",
            "cc-" + t + "-" + p + "-01"),
        continues(
            "future version cc with more fields after a dash: accepted",
            "cc-" + t + "-" + p + "-01-what-the-future-will-be-like"),
        continues("optional whitespace around the value is not part of it", " \t" + VALID + " \t"),
        restarts(
            "no traceparent: a new trace, and tracestate alone is ignored",
            lines("tracestate", TRACESTATE)),
        restarts(
            "header name trace-parent is not traceparent",
            lines("trace-parent", VALID, "tracestate", TRACESTATE)),
        restarts("empty traceparent: a new trace", ""),
        restarts("trace-id of 31 hex digits", "00-" + t.substring(1) + "-" + p + "-01"),
        restarts("trace-id of 33 hex digits", "00-" + t + "3-" + p + "-01"),
        restarts("parent-id of 15 hex digits", "00-" + t + "-" + p.substring(1) + "-01"),
        restarts("parent-id of 17 hex digits", "00-" + t + "-" + p + "1-01"),
        restarts("version of 1 hex digit", "0-" + t + "-" + p + "-01"),
        restarts("version of 3 hex digits", "000-" + t + "-" + p + "-01"),
        restarts("trace-flags of 1 hex digit", "00-" + t + "-" + p + "-1"),
        restarts("trace-flags of 3 hex digits", "00-" + t + "-" + p + "-001"),
        restarts("upper-case hex in version", "0A-" + t + "-" + p + "-01"),
        restarts("upper-case hex in trace-id", "00-" + t.toUpperCase() + "-" + p + "-01"),
        restarts("upper-case hex in parent-id", "00-" + t + "-" + p.toUpperCase() + "-01"),
        restarts("upper-case hex in trace-flags", "00-" + t + "-" + p + "-0A"),
        restarts("all-zero trace-id is invalid", "00-" + "0".repeat(32) + "-" + p + "-01"),
        restarts("all-zero parent-id is invalid", "00-" + t + "-" + "0".repeat(16) + "-01"),
        restarts("version ff is forbidden", "ff-" + t + "-" + p + "-01"),
        restarts("non-hex character in version", ".0-" + t + "-" + p + "-01"),
        restarts("non-hex character in trace-id", "00-." + t.substring(1) + "-" + p + "-01"),
        restarts("non-hex character in parent-id", "00-" + t + "-" + p.substring(1) + ".-01"),
        restarts("non-hex character in trace-flags", "00-" + t + "-" + p + "-.0"),
        restarts("delimiters other than '-'", "00_" + t + "_" + p + "_01"),
        restarts("version 00 followed by more fields", VALID + "-what-the-future-will-be-like"),
        restarts("version 00 followed by trailing garbage", VALID + "."),
        restarts(
            "future version with more data not after a dash",
            "cc-" + t + "-" + p + "-01.what-the-future-will-be-like"),
        restarts("leading garbage", "x" + VALID),
        restarts(
            "two traceparent lines combine into one invalid value",
            lines(
                "traceparent", VALID,
                "traceparent", "00-" + UNSAMPLED_TRACE_ID + "-" + p + "-01",
                "tracestate", TRACESTATE)),
        restarts(
            "two identical traceparent lines are still invalid",
            lines("traceparent", VALID, "traceparent", VALID, "tracestate", TRACESTATE)));
  }

  @ParameterizedTest
  @MethodSource
  void traceparent(List<Line> sent, Caller caller) throws Exception {
    Hop hop = chain.call(sent);
    Traceparent next = hop.sentTraceparent();

    // Whatever came in, the next hop gets the version this implementation knows.
    assertThat(next.version()).isEqualTo("00");
    assertThat(next.traceId()).isEqualTo(hop.server().getTraceId());
    if (caller == null) {
      assertRestarted(sent, hop);
    } else if (caller.sampled()) {
      assertContinued(caller, hop);
    } else {
      assertContinuedUnsampled(caller, hop);
    }
  }

  private static void assertRestarted(List<Line> sent, Hop hop) {
    SpanData server = hop.serverSpan();
    assertThat(server.getParentSpanContext().isValid()).as("remote parent").isFalse();
    // A new trace id: none of the caller's ids, whatever part of a header it came from.
    assertThat(sent)
        .allSatisfy(line -> assertThat(line.value()).doesNotContain(server.getTraceId()));
    assertThat(hop.sentTraceparent().parentId()).isEqualTo(hop.clientSpan().getSpanId());
    // Sampled, plus the "random" flag of Trace Context Level 2 (0x02): OTel 1.65 sets it on the
    // trace ids it generates.
    assertThat(hop.sentTraceparent().flags()).isEqualTo("03");
    assertThat(hop.sent("tracestate")).as("the caller's tracestate").isEmpty();
  }

  private static void assertContinued(Caller caller, Hop hop) {
    SpanData server = hop.serverSpan();
    assertThat(server.getTraceId()).isEqualTo(caller.traceId());
    assertThat(server.getParentSpanId()).isEqualTo(caller.parentId());
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
    SpanData client = hop.clientSpan();
    Traceparent next = hop.sentTraceparent();
    assertThat(next.traceId()).isEqualTo(caller.traceId());
    assertThat(next.parentId()).as("our CLIENT span").isEqualTo(client.getSpanId());
    assertThat(next.flags()).isEqualTo("01");
    assertThat(hop.sent("tracestate")).hasValue(TRACESTATE);
  }

  private static void assertContinuedUnsampled(Caller caller, Hop hop) {
    assertThat(hop.server().getTraceId()).isEqualTo(caller.traceId());
    assertThat(hop.server().isSampled()).isFalse();
    Traceparent next = hop.sentTraceparent();
    assertThat(next.traceId()).isEqualTo(caller.traceId());
    // A new parent-id (our unrecorded CLIENT span), neither the caller's nor the SERVER span's.
    assertThat(next.parentId()).isNotIn(caller.parentId(), hop.server().getSpanId());
    assertThat(next.flags()).isEqualTo("00");
    assertThat(hop.sent("tracestate")).hasValue(TRACESTATE);
    // The CLIENT span ended before the response, and the SERVER span never recorded.
    assertThat(chain.spans()).noneMatch(span -> span.getTraceId().equals(caller.traceId()));
  }

  private static Arguments continues(String requirement, String traceparent) {
    return argumentSet(
        requirement,
        lines("traceparent", traceparent, "tracestate", TRACESTATE),
        new Caller(TRACE_ID, PARENT_ID, true));
  }

  private static Arguments restarts(String requirement, String traceparent) {
    return restarts(requirement, lines("traceparent", traceparent, "tracestate", TRACESTATE));
  }

  private static Arguments restarts(String requirement, List<Line> lines) {
    return argumentSet(requirement, lines, null);
  }

  // ---------------------------------------------------------------------------------------------
  // tracestate: every row sends a valid traceparent, which a bad tracestate must not affect.

  static Stream<Arguments> tracestate() {
    String keyChars = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
    String valueChars = printableAsciiExcept(",=");
    String fiveHundredCharacterMembers =
        IntStream.range(0, 5).mapToObj(i -> "k" + i + "=" + "v".repeat(200)).collect(joining());
    return Stream.of(
        passes(
            "a valid tracestate passes on unchanged, list-members in order",
            List.of("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
        argumentSet(
            "the header name in any case: TrAcEsTaTe",
            lines("traceparent", VALID, "TrAcEsTaTe", "foo=1"),
            Optional.of("foo=1")),
        passes(
            "optional whitespace around list-members MAY be left out, and is",
            List.of("foo=1 \t , \t bar=2, \t baz=3"),
            "foo=1,bar=2,baz=3"),
        passes(
            "whitespace around the header value is not part of it",
            List.of(" \t foo=1 \t"),
            "foo=1"),
        passes(
            "every allowed key and value character, a leading space in the value kept",
            List.of(keyChars + "=" + valueChars),
            keyChars + "=" + valueChars),
        passes(
            "a key with '@' and every allowed character",
            List.of(keyChars + "@a-z0-9_-*/=1"),
            keyChars + "@a-z0-9_-*/=1"),
        passes("a key may start with a digit", List.of("1foo=1,bar=2"), "1foo=1,bar=2"),
        passes(
            "several tracestate lines are combined, in order",
            List.of("foo=1,bar=2", "rojo=1,congo=2", "baz=3"),
            "foo=1,bar=2,rojo=1,congo=2,baz=3"),
        passes(
            "an empty tracestate line before a full one adds nothing",
            List.of("", "foo=1"),
            "foo=1"),
        passes(
            "an empty tracestate line after a full one adds nothing",
            List.of("foo=1", ""),
            "foo=1"),
        passes(
            "empty list-members are allowed", List.of("foo=1,,bar=2, ,baz=3"), "foo=1,bar=2,baz=3"),
        discards("an empty tracestate is accepted and not sent on", List.of("")),
        passes(
            "32 list-members, over several lines, are all kept",
            List.of(members(1, 10), members(11, 20), members(21, 30), members(31, 32)),
            members(1, 32)),
        passes(
            "a key of 256 characters is allowed",
            List.of("foo=1", "z".repeat(256) + "=1"),
            "foo=1," + "z".repeat(256) + "=1"),
        // Level 2 made '@' an ordinary key character: Level 1's tenant@vendor limits are gone.
        passes(
            "241 characters, '@', 14 characters: allowed",
            List.of("foo=1", "t".repeat(241) + "@" + "v".repeat(14) + "=1"),
            "foo=1," + "t".repeat(241) + "@" + "v".repeat(14) + "=1"),
        passes(
            "242 characters before '@': allowed, the key is under 256",
            List.of("foo=1", "t".repeat(242) + "@v=1"),
            "foo=1," + "t".repeat(242) + "@v=1"),
        passes(
            "15 characters after '@': allowed",
            List.of("foo=1", "t@" + "v".repeat(15) + "=1"),
            "foo=1,t@" + "v".repeat(15) + "=1"),
        passes("a key ending with '@'", List.of("foo@=1,bar=2"), "foo@=1,bar=2"),
        passes("two '@' in a row", List.of("foo@@bar=1,bar=2"), "foo@@bar=1,bar=2"),
        passes("two '@' apart", List.of("foo@bar@baz=1,bar=2"), "foo@bar@baz=1,bar=2"),
        passes(
            "a value of 256 characters is allowed",
            List.of("foo=" + "v".repeat(256)),
            "foo=" + "v".repeat(256)),
        passes(
            "over 512 characters: sent whole (the spec asks for at least 512)",
            List.of(fiveHundredCharacterMembers),
            fiveHundredCharacterMembers),
        // Duplicated keys MAY be removed or passed on as they came: the first, the most recent
        // position, is kept.
        passes("the same member twice in one line: kept once", List.of("foo=1,foo=1"), "foo=1"),
        passes("a key twice in one line: the first kept", List.of("foo=1,foo=2"), "foo=1"),
        passes("the same member on two lines: kept once", List.of("foo=1", "foo=1"), "foo=1"),
        passes("a key on two lines: the first kept", List.of("foo=1", "foo=2"), "foo=1"),
        passes(
            "a duplicate among other members: the others kept in order",
            List.of("foo=1,bar=2,foo=3,baz=4"),
            "foo=1,bar=2,baz=4"),
        // A tracestate that does not parse MUST NOT be passed on in part: it is discarded whole.
        discards(
            "33 list-members are too many: discarded whole",
            List.of(members(1, 30), members(31, 33))),
        discards("an upper-case key: discarded whole", List.of("bar=2,FOO=1")),
        discards("a key with '.': discarded whole", List.of("foo.bar=1,bar=2")),
        discards("a key with whitespace before '=': discarded whole", List.of("foo =1,bar=2")),
        discards("a key starting with '@': discarded whole", List.of("@foo=1,bar=2")),
        discards("a key starting with '_': discarded whole", List.of("_foo=1,bar=2")),
        discards(
            "a key of 257 characters: discarded whole", List.of("foo=1", "z".repeat(257) + "=1")),
        discards("a member without '=': discarded whole", List.of("foo=1,bar")),
        discards("an empty value: discarded whole", List.of("foo=,bar=3")),
        discards(
            "a value of 257 characters: discarded whole",
            List.of("foo=" + "v".repeat(257) + ",bar=3")),
        discards("a value with '=': discarded whole", List.of("foo=bar=baz,bar=3")),
        argumentSet(
            "header name trace-state is not tracestate",
            lines("traceparent", VALID, "trace-state", "foo=1"),
            Optional.empty()));
  }

  @ParameterizedTest
  @MethodSource
  void tracestate(List<Line> sent, Optional<String> expected) throws Exception {
    Hop hop = chain.call(sent);

    // A tracestate, good or bad, never affects traceparent.
    assertThat(hop.serverSpan().getParentSpanId()).isEqualTo(PARENT_ID);
    assertThat(hop.sentTraceparent().traceId()).isEqualTo(TRACE_ID);
    assertThat(hop.sent("tracestate")).isEqualTo(expected);
  }

  private static Arguments passes(String requirement, List<String> lines, String expected) {
    return argumentSet(requirement, withTraceparent(lines), Optional.of(expected));
  }

  private static Arguments discards(String requirement, List<String> lines) {
    return argumentSet(requirement, withTraceparent(lines), Optional.empty());
  }

  private static List<Line> withTraceparent(List<String> tracestateLines) {
    List<Line> lines = new ArrayList<>(lines("traceparent", VALID));
    tracestateLines.forEach(value -> lines.add(new Line("tracestate", value)));
    return lines;
  }

  /** {@code bar01=01,...} from {@code first} to {@code last}, as the official suite writes them. */
  private static String members(int first, int last) {
    return IntStream.rangeClosed(first, last)
        .mapToObj(i -> String.format("bar%02d=%02d", i, i))
        .collect(joining());
  }

  private static String printableAsciiExcept(String excluded) {
    StringBuilder chars = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      if (excluded.indexOf(c) < 0) {
        chars.append(c);
      }
    }
    return chars.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // baggage: whatever comes in, what goes out stays within the W3C Baggage limits.

  /** W3C Baggage: a platform MUST propagate up to 64 list-members and 8192 bytes; MAY drop more. */
  private static final int MAX_MEMBERS = 64;

  private static final int MAX_BYTES = 8192;

  static Stream<Arguments> baggage() {
    List<String> hundredMembers =
        IntStream.range(0, 100).mapToObj(i -> "key" + i + "=v" + i).toList();
    String sixtyFourMembers =
        IntStream.range(10, 74).mapToObj(i -> "key" + i + "=v" + i).collect(joining());
    String bytes8192 = "k=" + "x".repeat(MAX_BYTES - 2);
    return Stream.of(
        baggage(
            "valid list-members pass on (OTel sends them sorted by key)",
            List.of("userId=alice,serverNode=DF%2028,isProduction=false"),
            sent("isProduction=false,serverNode=DF%2028,userId=alice")),
        baggage(
            "percent-encoded values round-trip",
            List.of("k=%E2%82%AC%20%2C%3B%25"),
            sent("k=%E2%82%AC%20%2C%3B%25")),
        baggage(
            "optional whitespace around keys, values and list-members is left out",
            List.of(" k1 = v1 , k2=v2 "),
            sent("k1=v1,k2=v2")),
        baggage(
            "characters that need no encoding MAY be encoded: OTel encodes '/' and '?'",
            List.of("path=a/b?c"),
            sent("path=a%2Fb%3Fc")),
        baggage(
            "invalid list-members are dropped, valid ones kept",
            List.of("k1=v1,bad key=x,novalue,k4=v4"),
            sent("k1=v1,k4=v4")),
        baggage("several baggage lines make one list", List.of("a=1", "b=2"), sent("a=1,b=2")),
        baggage(
            "duplicate keys MAY be removed: OTel keeps the last", List.of("k=1,k=2"), sent("k=2")),
        baggage(
            "properties: OTel 1.65 percent-encodes them (opentelemetry-java#6771)",
            List.of("k=v;prop=1"),
            sent("k=v;prop%3D1")),
        baggage(
            "64 list-members MUST all pass",
            List.of(sixtyFourMembers),
            sentMembers(sixtyFourMembers.split(","), 64)),
        baggage(
            "100 list-members: 64 go on, each whole",
            List.of(String.join(",", hundredMembers)),
            sentMembers(hundredMembers.toArray(String[]::new), 64)),
        baggage("a baggage-string of 8192 bytes MUST pass", List.of(bytes8192), sent(bytes8192)),
        baggage(
            "one line of 8193 bytes: dropped, never in part", List.of(bytes8192 + "x"), notSent()),
        baggage(
            "lines over 8192 bytes together: the first passes, the next is dropped",
            List.of("a=" + "x".repeat(6000) + ",b=1", "c=" + "y".repeat(3000)),
            sent("a=" + "x".repeat(6000) + ",b=1")),
        baggage(
            "a value that grows when re-encoded is dropped whole, not cut",
            List.of("k=" + "/".repeat(4000) + ",j=v"),
            sent("j=v")));
  }

  @ParameterizedTest
  @MethodSource
  void baggage(List<Line> sent, Consumer<Optional<String>> expectation) throws Exception {
    Optional<String> next = chain.call(sent).sent("baggage");

    expectation.accept(next);
    next.ifPresent(
        baggage -> {
          assertThat(baggage.split(",")).hasSizeLessThanOrEqualTo(MAX_MEMBERS);
          assertThat(baggage.getBytes(StandardCharsets.UTF_8).length)
              .isLessThanOrEqualTo(MAX_BYTES);
        });
  }

  private static Arguments baggage(
      String requirement, List<String> values, Consumer<Optional<String>> expectation) {
    List<Line> lines = values.stream().map(value -> new Line("baggage", value)).toList();
    return argumentSet(requirement, lines, expectation);
  }

  private static Consumer<Optional<String>> sent(String expected) {
    return next -> assertThat(next).hasValue(expected);
  }

  private static Consumer<Optional<String>> notSent() {
    return next -> assertThat(next).isEmpty();
  }

  /** Exactly {@code count} list-members go on, each one of {@code members} unchanged. */
  private static Consumer<Optional<String>> sentMembers(String[] members, int count) {
    return next -> {
      assertThat(next).isPresent();
      List<String> sentMembers = Arrays.asList(next.get().split(","));
      assertThat(sentMembers).hasSize(count).doesNotHaveDuplicates().isSubsetOf(members);
    };
  }

  private static Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(",");
  }
}
