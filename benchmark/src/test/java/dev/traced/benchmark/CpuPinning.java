package dev.traced.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Keeps the backend out of the services' way: the three services on CPU 0, Jaeger and the load
 * generator (this JVM) on the other CPUs, with {@code taskset}, every thread of each process. The
 * services then cannot lose CPU time to span ingestion or to the client while latency is measured;
 * {@link #close()} lets every process use every CPU again.
 */
final class CpuPinning implements AutoCloseable {

  private final List<Long> services;
  private final List<Long> backend;
  private final String allCpus;

  private CpuPinning(List<Long> services, List<Long> backend, int cpus) {
    this.services = List.copyOf(services);
    this.backend = List.copyOf(backend);
    this.allCpus = "0-" + (cpus - 1);
  }

  /** Pins {@code services} to CPU 0 and {@code backend} to the rest; needs two CPUs or more. */
  static CpuPinning apply(List<Long> services, List<Long> backend) {
    int cpus = Runtime.getRuntime().availableProcessors();
    if (cpus < 2) {
      throw new IllegalStateException("keeping the backend apart needs 2 CPUs, this machine has 1");
    }
    CpuPinning pinning = new CpuPinning(services, backend, cpus);
    services.forEach(pid -> taskset("0", pid));
    backend.forEach(pid -> taskset(cpus == 2 ? "1" : "1-" + (cpus - 1), pid));
    return pinning;
  }

  @Override
  public void close() {
    services.forEach(pid -> taskset(allCpus, pid));
    backend.forEach(pid -> taskset(allCpus, pid));
  }

  private static void taskset(String cpus, long pid) {
    try {
      Process taskset =
          new ProcessBuilder("taskset", "--all-tasks", "--pid", "--cpu-list", cpus, "" + pid)
              .redirectErrorStream(true)
              .start();
      String output = new String(taskset.getInputStream().readAllBytes());
      if (taskset.waitFor() != 0) {
        throw new IllegalStateException("taskset " + cpus + " " + pid + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
