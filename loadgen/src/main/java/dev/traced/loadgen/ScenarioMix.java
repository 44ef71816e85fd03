package dev.traced.loadgen;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Relative weights of the scenarios, e.g. {@code happy=80,unknown-order=5}; scenarios left out have
 * weight 0.
 *
 * @param weights weight of each scenario that is sent at all
 */
public record ScenarioMix(Map<Scenario, Integer> weights) {

  /** Checks that the weights are not negative and that something can be drawn. */
  public ScenarioMix {
    EnumMap<Scenario, Integer> copy = new EnumMap<>(Scenario.class);
    requireNonNull(weights, "weights")
        .forEach(
            (scenario, weight) -> {
              if (weight < 0) {
                throw new IllegalArgumentException(
                    "LOADGEN_MIX weight of " + scenario.label() + " must be >= 0, got " + weight);
              }
              if (weight > 0) {
                copy.put(scenario, weight);
              }
            });
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(
          "LOADGEN_MIX must give at least one scenario a weight above 0");
    }
    weights = Collections.unmodifiableMap(copy);
  }

  /** Parses {@code name=weight,name=weight}; names are those of {@link Scenario#label()}. */
  public static ScenarioMix parse(String text) {
    Map<Scenario, Integer> weights = new EnumMap<>(Scenario.class);
    for (String entry : text.split(",")) {
      String[] parts = entry.trim().split("=", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "LOADGEN_MIX must be name=weight pairs separated by commas, got '"
                + entry.trim()
                + "'");
      }
      String name = parts[0].trim();
      Scenario scenario =
          Scenario.byLabel(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "LOADGEN_MIX names unknown scenario '"
                              + name
                              + "'; known: "
                              + knownLabels()));
      if (weights.containsKey(scenario)) {
        throw new IllegalArgumentException("LOADGEN_MIX names scenario '" + name + "' twice");
      }
      weights.put(scenario, parseWeight(name, parts[1].trim()));
    }
    return new ScenarioMix(weights);
  }

  /** The weight of {@code scenario}, 0 when it is not sent. */
  public int weight(Scenario scenario) {
    return weights.getOrDefault(scenario, 0);
  }

  /** Draws one scenario with probability proportional to its weight. */
  public Scenario draw(RandomGenerator random) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    int ticket = random.nextInt(total);
    for (Map.Entry<Scenario, Integer> entry : weights.entrySet()) {
      ticket -= entry.getValue();
      if (ticket < 0) {
        return entry.getKey();
      }
    }
    throw new AssertionError("ticket beyond the total weight");
  }

  /** The mix in the form {@link #parse} reads. */
  @Override
  public String toString() {
    return weights.entrySet().stream()
        .map(e -> e.getKey().label() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static int parseWeight(String name, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "LOADGEN_MIX weight of " + name + " must be a whole number, got '" + text + "'", e);
    }
  }

  private static String knownLabels() {
    return Arrays.stream(Scenario.values()).map(Scenario::label).collect(Collectors.joining(", "));
  }
}
