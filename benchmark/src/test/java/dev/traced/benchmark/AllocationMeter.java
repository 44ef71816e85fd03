package dev.traced.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes the given JVMs allocate while it runs, from {@code jstat -gc <pid> 100}: eden's use and
 * capacity and the collection count, every 100 ms. Between two samples without a collection the
 * growth of eden is what was allocated; across {@code k} collections it is the rest of eden before
 * the first (the serial collector collects when eden is full), {@code k - 1} whole edens, and what
 * is in eden after. Sampled this way, eden may resize during the run: reading the counters only at
 * the start and the end, the collections before multiplied by the final eden, could not tell.
 */
final class AllocationMeter implements AutoCloseable {

  private static final String INTERVAL_MILLIS = "100";

  private final List<Process> jstats = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private final AtomicLong allocatedKb = new AtomicLong();

  private AllocationMeter() {}

  /** Starts sampling each of {@code pids}; returns once every one has given its first sample. */
  static AllocationMeter start(List<Long> pids) throws InterruptedException {
    AllocationMeter meter = new AllocationMeter();
    CountDownLatch firstSamples = new CountDownLatch(pids.size());
    for (long pid : pids) {
      meter.sample(pid, firstSamples);
    }
    // jstat is a JVM of its own: its start is not part of what is measured.
    if (!firstSamples.await(30, TimeUnit.SECONDS)) {
      meter.close();
      throw new IllegalStateException("jstat gave no sample within 30 s");
    }
    return meter;
  }

  /** Bytes allocated by all the JVMs since {@link #start}, up to the last sample. */
  long allocatedBytes() {
    return allocatedKb.get() * 1024;
  }

  @Override
  public void close() throws InterruptedException {
    jstats.forEach(Process::destroy);
    for (Thread reader : readers) {
      reader.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  private void sample(long pid, CountDownLatch firstSample) {
    Process jstat;
    try {
      jstat =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                  "-gc",
                  String.valueOf(pid),
                  INTERVAL_MILLIS)
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jstats.add(jstat);
    Thread reader = new Thread(() -> read(jstat, firstSample), "allocation-meter-" + pid);
    reader.setDaemon(true);
    readers.add(reader);
    reader.start();
  }

  private void read(Process jstat, CountDownLatch firstSample) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
      List<String> names = Arrays.asList(lines.readLine().trim().split("\\s+"));
      int capacity = names.indexOf("EC");
      int used = names.indexOf("EU");
      int young = names.indexOf("YGC");
      int full = names.indexOf("FGC");
      double[] last = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] values = line.trim().split("\\s+");
        if (values.length != names.size()) {
          continue;
        }
        double[] now = {
          Double.parseDouble(values[capacity]),
          Double.parseDouble(values[used]),
          Long.parseLong(values[young]) + Long.parseLong(values[full])
        };
        if (last == null) {
          firstSample.countDown();
        } else {
          allocatedKb.addAndGet(Math.round(allocatedBetween(last, now)));
        }
        last = now;
      }
    } catch (IOException e) {
      // The process ended or jstat was stopped: the samples so far stand.
    }
  }

  /** KiB allocated between samples {capacity, used, collections}. */
  private static double allocatedBetween(double[] before, double[] after) {
    long collections = Math.round(after[2] - before[2]);
    if (collections == 0) {
      return Math.max(0, after[1] - before[1]);
    }
    return (before[0] - before[1]) + (collections - 1) * after[0] + after[1];
  }
}
