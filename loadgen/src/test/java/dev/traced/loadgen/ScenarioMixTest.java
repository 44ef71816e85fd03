package dev.traced.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScenarioMixTest {

  @Test
  void drawsEachScenarioInProportionToItsWeight() {
    ScenarioMix mix = ScenarioMix.parse(LoadConfig.DEFAULT_MIX);
    Random random = new Random(42);
    int draws = 100_000;
    Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
    for (int i = 0; i < draws; i++) {
      counts.merge(mix.draw(random), 1, Integer::sum);
    }

    // The weights add up to 100, so each is the expected share in percent.
    for (Scenario scenario : Scenario.values()) {
      double share = 100.0 * counts.getOrDefault(scenario, 0) / draws;
      assertThat(share).as(scenario.label()).isCloseTo(mix.weight(scenario), within(1.0));
    }
  }

  @Test
  void neverDrawsAScenarioOfWeightZero() {
    ScenarioMix mix = ScenarioMix.parse("happy=0,invalid-token=1,order-failure=3");
    Random random = new Random(7);
    Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
    for (int i = 0; i < 10_000; i++) {
      counts.merge(mix.draw(random), 1, Integer::sum);
    }

    assertThat(counts).containsOnlyKeys(Scenario.INVALID_TOKEN, Scenario.ORDER_FAILURE);
    assertThat(counts.get(Scenario.ORDER_FAILURE) / (double) counts.get(Scenario.INVALID_TOKEN))
        .isCloseTo(3.0, within(0.3));
    assertThat(mix.weight(Scenario.HAPPY)).isZero();
  }

  @Test
  void printsInTheFormItParses() {
    ScenarioMix mix = ScenarioMix.parse("order-failure=3, happy=7");

    assertThat(mix.toString()).isEqualTo("happy=7,order-failure=3");
    assertThat(ScenarioMix.parse(mix.toString())).isEqualTo(mix);
  }

  @Test
  void scenariosKnowTheirHeaderAndExpectedStatuses() {
    assertThat(Scenario.SLOW_DATABASE.demoHeader()).contains("slow-database");
    assertThat(Scenario.INVALID_TOKEN.demoHeader()).isEmpty();
    assertThat(Scenario.INVALID_TOKEN.expects(401)).isTrue();
    assertThat(Scenario.HAPPY.expectedStatuses()).containsExactlyInAnyOrder(200, 201);
    assertThat(Scenario.ORDER_FAILURE.expects(500)).isFalse();
    assertThat(Scenario.byLabel("auth-unreachable")).contains(Scenario.AUTH_UNREACHABLE);
  }
}
