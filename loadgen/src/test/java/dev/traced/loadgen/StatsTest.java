package dev.traced.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {

  private final LoadConfig config =
      LoadConfig.fromEnv(Map.of("LOADGEN_MIX", "happy=1,invalid-token=1"));

  @Test
  void countsExpectedStatusesAsExpectedAndOthersAsErrors() {
    Stats stats = new Stats(Duration.ZERO);
    stats.begin();
    long now = System.nanoTime();
    stats.record(Scenario.INVALID_TOKEN, 401, now, 2_000_000);
    stats.record(Scenario.HAPPY, 201, now, 4_000_000);
    stats.record(Scenario.HAPPY, 500, now, 8_000_000);
    stats.recordTransportError(Scenario.HAPPY, now);
    stats.recordDropped(now);

    Summary summary = stats.summary(config);

    assertThat(summary.requests()).isEqualTo(4);
    assertThat(summary.expected()).isEqualTo(2);
    assertThat(summary.unexpected()).isEqualTo(1);
    assertThat(summary.transportErrors()).isEqualTo(1);
    assertThat(summary.errors()).isEqualTo(2);
    assertThat(summary.dropped()).isEqualTo(1);
    assertThat(summary.statuses())
        .containsExactly(Map.entry("201", 1L), Map.entry("401", 1L), Map.entry("500", 1L));
    assertThat(summary.scenarios().get("invalid-token"))
        .isEqualTo(new Summary.ScenarioSummary(1, 1, 0, 0, 2.0, 2.0, Map.of("401", 1L)));
    Summary.ScenarioSummary happy = summary.scenarios().get("happy");
    assertThat(happy.requests()).isEqualTo(3);
    assertThat(happy.unexpected()).isEqualTo(1);
    assertThat(happy.transportErrors()).isEqualTo(1);
    // HdrHistogram keeps three significant digits.
    assertThat(summary.latencyMs().max()).isBetween(8.0, 8.01);
    assertThat(summary.latencyMs().p50()).isBetween(4.0, 4.01);
  }

  @Test
  void leavesTheWarmupOutOfTheSummaryButNotOutOfProgress() {
    Stats stats = new Stats(Duration.ofHours(1));
    stats.begin();
    long now = System.nanoTime();
    stats.record(Scenario.HAPPY, 500, now, 1_000_000);
    stats.recordDropped(now);

    Summary summary = stats.summary(config);
    Progress progress = stats.progress();

    assertThat(summary.requests()).isZero();
    assertThat(summary.errors()).isZero();
    assertThat(summary.dropped()).isZero();
    assertThat(summary.warmupRequests()).isEqualTo(1);
    assertThat(summary.durationSeconds()).isZero();
    assertThat(progress.sent()).isEqualTo(1);
    assertThat(progress.errors()).isEqualTo(1);
    assertThat(progress.dropped()).isEqualTo(1);
    assertThat(progress.warmingUp()).isTrue();
  }

  @Test
  void progressShowsTheLatencyOfTheLastIntervalOnly() {
    Stats stats = new Stats(Duration.ZERO);
    stats.begin();
    stats.record(Scenario.HAPPY, 200, System.nanoTime(), 50_000_000);
    assertThat(stats.progress().p99Ms()).isBetween(50.0, 50.1);

    stats.record(Scenario.HAPPY, 200, System.nanoTime(), 1_000_000);
    Progress second = stats.progress();

    assertThat(second.p99Ms()).isBetween(1.0, 1.01);
    assertThat(second.sent()).isEqualTo(2);
    assertThat(Report.progressLine(second))
        .matches(
            "\\[ +0s] sent 2  [0-9.]+ req/s  p50 1\\.00 ms  p99 1\\.00 ms  errors 0  dropped 0");
  }
}
