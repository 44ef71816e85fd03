package dev.traced.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a benchmark ran on.
 *
 * @param cores processors available to the JVM
 * @param memoryMiB total memory, from /proc/meminfo
 * @param jdk the JDK that ran the services
 * @param os operating system and architecture
 * @param cpu the processor's model name, from /proc/cpuinfo
 */
record MachineFacts(int cores, long memoryMiB, String jdk, String os, String cpu) {

  /** The line a report opens with: "Machine: 2 cores, ...". */
  String describe() {
    return String.format(
        Locale.ROOT, "Machine: %d cores, %d MiB, %s; %s; %s.%n%n", cores, memoryMiB, cpu, jdk, os);
  }

  static MachineFacts read() throws IOException {
    long memoryKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    String cpu =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(line -> line.startsWith("model name"))
            .map(line -> line.substring(line.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("unknown");
    return new MachineFacts(
        Runtime.getRuntime().availableProcessors(),
        memoryKb / 1024,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        cpu);
  }
}
