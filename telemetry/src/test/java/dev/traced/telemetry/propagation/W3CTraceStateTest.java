package dev.traced.telemetry.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.api.trace.TraceState;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a service does with a caller's {@code tracestate} once it is read: how the list changes when
 * code puts or removes an entry. Reading the header is covered, over HTTP, by {@code
 * TraceContextConformanceTest}.
 */
class W3CTraceStateTest {

  @Test
  void aPutKeyMovesToTheFrontAndReplacesItsOldValue() {
    TraceState state = W3CTraceState.parse("rojo=1,congo=2,foo@@bar=3");

    TraceState changed = state.toBuilder().put("congo", "9").build();

    assertThat(changed).hasToString("congo=9,rojo=1,foo@@bar=3");
    assertThat(changed.get("congo")).isEqualTo("9");
    assertThat(state).as("unchanged").hasToString("rojo=1,congo=2,foo@@bar=3");
  }

  @Test
  void aKeyOrValueOutsideTheGrammarIsIgnored() {
    TraceState state = W3CTraceState.parse("rojo=1");

    TraceState changed =
        state.toBuilder().put("Upper", "1").put("@first", "1").put("ok", "a,b").build();

    assertThat(changed).isEqualTo(state);
  }

  @Test
  void aPutBeyond32MembersRemovesTheRightMostOne() {
    String thirtyTwo =
        IntStream.rangeClosed(1, 32)
            .mapToObj(i -> "k" + i + "=" + i)
            .collect(Collectors.joining(","));
    TraceState full = W3CTraceState.parse(thirtyTwo);
    assertThat(full.size()).isEqualTo(32);

    TraceState changed = full.toBuilder().put("new", "1").build();

    assertThat(changed.size()).isEqualTo(32);
    assertThat(changed.get("new")).isEqualTo("1");
    assertThat(changed.get("k1")).isEqualTo("1");
    assertThat(changed.get("k32")).as("the right-most").isNull();
  }

  @Test
  void removingTheLastEntryLeavesTheEmptyState() {
    TraceState state = W3CTraceState.parse("rojo=1");

    TraceState changed = state.toBuilder().remove("rojo").build();

    assertThat(changed.isEmpty()).isTrue();
    assertThat(changed).isEqualTo(W3CTraceState.parse(""));
  }

  @Test
  void equalListsAreEqualAndOrderMatters() {
    assertThat(W3CTraceState.parse("a=1, b=2"))
        .isEqualTo(W3CTraceState.parse("a=1,b=2,a=3"))
        .hasSameHashCodeAs(W3CTraceState.parse("a=1,b=2"))
        .isNotEqualTo(W3CTraceState.parse("b=2,a=1"));
    assertThat(W3CTraceState.parse("b=2,a=1").asMap())
        .containsExactly(entry("b", "2"), entry("a", "1"));
  }
}
