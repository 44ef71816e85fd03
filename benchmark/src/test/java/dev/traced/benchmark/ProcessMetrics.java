package dev.traced.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the operating system and the JVM tell about a running process. */
final class ProcessMetrics {

  private ProcessMetrics() {}

  /** Resident set size in MiB, from /proc/{pid}/status. */
  static double residentMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
      throw new IllegalStateException("no VmRSS for pid " + pid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * CPU time the process has used so far, user and system (utime + stime of /proc/{pid}/stat, as
   * the JDK reads them).
   */
  static Duration cpuTime(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + pid));
  }

  /**
   * Bytes the process has allocated so far, estimated from {@code jstat -gc}: every young
   * collection empties eden, so allocation = collections x eden capacity + eden in use. Exact
   * enough with the serial collector and a steady eden, which jvm.options gives.
   */
  static long allocatedBytes(long pid) {
    try {
      Process jstat =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                  "-gc",
                  String.valueOf(pid))
              .redirectErrorStream(true)
              .start();
      List<String> lines = new String(jstat.getInputStream().readAllBytes()).lines().toList();
      jstat.waitFor();
      List<String> names = Arrays.asList(lines.get(0).trim().split("\\s+"));
      String[] values = lines.get(1).trim().split("\\s+");
      double edenCapacityKb = Double.parseDouble(values[names.indexOf("EC")]);
      double edenUsedKb = Double.parseDouble(values[names.indexOf("EU")]);
      long youngCollections = Long.parseLong(values[names.indexOf("YGC")]);
      return (long) ((youngCollections * edenCapacityKb + edenUsedKb) * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
