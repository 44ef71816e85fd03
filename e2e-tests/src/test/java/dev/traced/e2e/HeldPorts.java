package dev.traced.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports a test holds open, as other programs on a user's machine might. */
final class HeldPorts implements AutoCloseable {

  private final List<ServerSocket> sockets;

  private HeldPorts(List<ServerSocket> sockets) {
    this.sockets = sockets;
  }

  /** Listens on each of {@code ports} that is free now; those already held stay as they are. */
  static HeldPorts holdWhereFree(int... ports) {
    List<ServerSocket> sockets = new ArrayList<>();
    for (int port : ports) {
      try {
        sockets.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
      } catch (IOException taken) {
        // Held by someone else already, which serves the same purpose.
      }
    }
    return new HeldPorts(sockets);
  }

  @Override
  public void close() throws IOException {
    for (ServerSocket socket : sockets) {
      socket.close();
    }
  }
}
