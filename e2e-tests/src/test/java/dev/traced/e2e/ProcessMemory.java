package dev.traced.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The highest resident memory (VmRSS of /proc/&lt;pid&gt;/status) of each of a changing set of
 * processes, sampled every {@value #INTERVAL_MILLIS} ms in the background until closed. Linux only;
 * the processes are read by name, so a process restarted under a new pid counts as the same.
 */
final class ProcessMemory implements AutoCloseable {

  private static final long INTERVAL_MILLIS = 250;

  /** A process to sample: its name, its pid, and the RSS it must stay below, in MiB. */
  record Watched(String name, long pid, long maxRssMib) {}

  /** The highest RSS seen of a process, in MiB, and the bound it must stay below. */
  record Peak(long rssMib, long maxRssMib) {
    boolean withinBound() {
      return rssMib < maxRssMib;
    }
  }

  private final Supplier<List<Watched>> processes;
  private final Map<String, Peak> peaks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  private ProcessMemory(Supplier<List<Watched>> processes) {
    this.processes = processes;
  }

  /** Starts sampling the processes that {@code processes} names at each sample. */
  static ProcessMemory watch(Supplier<List<Watched>> processes) {
    ProcessMemory memory = new ProcessMemory(processes);
    memory.sampler.scheduleAtFixedRate(memory::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    return memory;
  }

  private void sample() {
    for (Watched process : processes.get()) {
      rssMib(process.pid())
          .ifPresent(
              rss ->
                  peaks.merge(
                      process.name(),
                      new Peak(rss, process.maxRssMib()),
                      (seen, now) -> now.rssMib() > seen.rssMib() ? now : seen));
    }
  }

  /** The highest RSS seen so far of every process sampled, by name. */
  Map<String, Peak> peaks() {
    sample();
    return new TreeMap<>(peaks);
  }

  /** VmRSS in MiB, or empty if the process is gone (between listing and reading). */
  private static OptionalLong rssMib(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          // "VmRSS:	  123456 kB"
          .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
          .findFirst();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
