package dev.traced.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A next hop that fails the way real ones do, on a loopback port: nothing listening, taking no
 * connection, accepting but never answering, or answering with bytes that are not HTTP.
 */
final class BrokenService implements AutoCloseable {

  /** How the service fails. */
  enum Failure {
    /** Nothing listens on the port: the connection is refused. */
    DOWN,
    /**
     * Connection attempts go unanswered, as at the old address of a stopped container, which drops
     * packets instead of refusing them: the caller's connect timeout fires.
     */
    UNREACHABLE,
    /** Accepts the connection and reads the request, but never answers. */
    SILENT,
    /** Answers with bytes that are not an HTTP response, then closes the connection. */
    GARBAGE
  }

  private final ServerSocket socket;
  private final int port;
  private final AtomicInteger openConnections = new AtomicInteger();
  private final List<Socket> backlogFillers = new ArrayList<>();

  private BrokenService(ServerSocket socket, int port) {
    this.socket = socket;
    this.port = port;
  }

  /** Starts a service on a free loopback port that fails as {@code failure} says. */
  static BrokenService start(Failure failure) {
    try {
      int backlog = failure == Failure.UNREACHABLE ? 1 : 50;
      ServerSocket socket = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
      BrokenService service = new BrokenService(socket, socket.getLocalPort());
      if (failure == Failure.DOWN) {
        // The port was free a moment ago and nothing listens on it now.
        socket.close();
      } else if (failure == Failure.UNREACHABLE) {
        service.fillBacklog();
      } else {
        daemon(() -> service.accept(failure));
      }
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Connections accepted and not yet closed by the caller. */
  int openConnections() {
    return openConnections.get();
  }

  /**
   * Connects until the socket's accept queue is full. Nothing accepts from it, so the kernel drops
   * every further connection attempt unanswered.
   */
  private void fillBacklog() throws IOException {
    while (true) {
      Socket filler = new Socket();
      try {
        filler.connect(socket.getLocalSocketAddress(), 200);
        backlogFillers.add(filler);
      } catch (SocketTimeoutException full) {
        filler.close();
        return;
      }
    }
  }

  private void accept(Failure failure) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        openConnections.incrementAndGet();
        daemon(() -> serve(connection, failure));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection, Failure failure) {
    try (connection) {
      InputStream in = connection.getInputStream();
      if (failure == Failure.GARBAGE) {
        in.read(new byte[8192]);
        connection
            .getOutputStream()
            .write("{not http at all}\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      // SILENT: read until the caller gives up and closes its end.
      while (in.read(new byte[8192]) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // the caller reset the connection: it is gone either way
    } finally {
      openConnections.decrementAndGet();
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "broken-service");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    for (Socket filler : backlogFillers) {
      filler.close();
    }
    socket.close();
  }
}
