package dev.traced.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * The CPU time of one phase, per request served: the three services together, Jaeger, and the load
 * generator (this JVM), each counted apart. CPU time per request moves far less from run to run
 * than latency on a shared machine, so it is the figure that can show a small cost.
 */
final class CpuMeter {

  /**
   * CPU microseconds per request.
   *
   * @param services the three service JVMs together
   * @param jaeger the Jaeger process
   * @param load the load generator
   */
  record PerRequest(double services, double jaeger, double load) {}

  private final List<Long> services;
  private final long jaeger;
  private final Duration servicesBefore;
  private final Duration jaegerBefore;
  private final Duration loadBefore;

  private CpuMeter(List<Long> services, long jaeger) {
    this.services = List.copyOf(services);
    this.jaeger = jaeger;
    this.servicesBefore = servicesTime();
    this.jaegerBefore = ProcessMetrics.cpuTime(jaeger);
    this.loadBefore = ProcessMetrics.cpuTime(ProcessHandle.current().pid());
  }

  /** Starts counting the CPU time of {@code services} and {@code jaeger} (process ids). */
  static CpuMeter start(List<Long> services, long jaeger) {
    return new CpuMeter(services, jaeger);
  }

  /** What each used since the start, divided by {@code requests}. */
  PerRequest perRequest(long requests) {
    Duration load = ProcessMetrics.cpuTime(ProcessHandle.current().pid()).minus(loadBefore);
    return new PerRequest(
        micros(servicesTime().minus(servicesBefore), requests),
        micros(ProcessMetrics.cpuTime(jaeger).minus(jaegerBefore), requests),
        micros(load, requests));
  }

  private static double micros(Duration cpu, long requests) {
    return cpu.toNanos() / 1_000.0 / Math.max(1, requests);
  }

  private Duration servicesTime() {
    return services.stream().map(ProcessMetrics::cpuTime).reduce(Duration.ZERO, Duration::plus);
  }
}
