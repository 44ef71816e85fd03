package dev.traced.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports nobody listens on, so a run never collides with services already running.
 *
 * <p>A port is only free until someone binds it, and a test starts processes one after another on
 * ports chosen up front. Ports from the kernel's ephemeral range ({@code
 * /proc/sys/net/ipv4/ip_local_port_range}) can be taken in between by any outgoing connection (a
 * Kafka client, an exporter, an HTTP call), so the ports come from below that range, where only a
 * listener that asks for the number gets one, and none is handed out twice in a run.
 */
final class FreePorts {

  /** The lowest port handed out: above the well-known and most registered ports. */
  private static final int LOWEST = 20_000;

  /** Where the kernel's ephemeral range starts when it cannot be read (Linux's default). */
  private static final int DEFAULT_EPHEMERAL_START = 32_768;

  private static final int EPHEMERAL_START = ephemeralRangeStart();
  private static final Set<Integer> handedOut = new HashSet<>();

  private FreePorts() {}

  static synchronized int next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = random.nextInt(LOWEST, EPHEMERAL_START);
      if (!handedOut.contains(port) && isFree(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException(
        "no free loopback port between " + LOWEST + " and " + EPHEMERAL_START);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
      int start = Integer.parseInt(range.trim().split("\\s+")[0]);
      return start > LOWEST + 1000 ? start : DEFAULT_EPHEMERAL_START;
    } catch (IOException | RuntimeException unreadable) {
      return DEFAULT_EPHEMERAL_START;
    }
  }
}
