package dev.traced.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a process holds that a leak would grow, read from Linux's {@code /proc}: its threads and its
 * open sockets (TCP connections and listeners).
 *
 * @param threads the process's threads ({@code /proc/<pid>/task})
 * @param sockets the file descriptors that are sockets ({@code /proc/<pid>/fd})
 */
record OpenResources(int threads, int sockets) {

  /** What process {@code pid} holds now. */
  static OpenResources of(long pid) {
    Path proc = Path.of("/proc", String.valueOf(pid));
    return new OpenResources(count(proc.resolve("task"), false), count(proc.resolve("fd"), true));
  }

  /** Whether this holds no more than {@code baseline} plus {@code slack} of each. */
  boolean within(OpenResources baseline, int slack) {
    return threads <= baseline.threads + slack && sockets <= baseline.sockets + slack;
  }

  private static int count(Path dir, boolean socketsOnly) {
    try (Stream<Path> entries = Files.list(dir)) {
      return Math.toIntExact(entries.filter(entry -> !socketsOnly || isSocket(entry)).count());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isSocket(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
    } catch (IOException e) {
      return false; // closed while the list was read
    }
  }

  @Override
  public String toString() {
    return threads + " threads, " + sockets + " sockets";
  }
}
