package dev.traced.telemetry.javalin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests: an HTTP/1.1 GET over a plain socket that sends header lines exactly as given,
 * repeated names, letter case and whitespace included. {@code java.net.http.HttpClient} trims
 * the whitespace around a value, so it cannot show what a server makes of it.
 */
final class RawHttp {

  /** One header line as sent: {@code name ":" value}, the value with its whitespace. */
  record Line(String name, String value) {
    @Override
    public String toString() {
      return name + ":" + value;
    }
  }

  private RawHttp() {}

  /** Header lines from {@code name, value, name, value, ...}. */
  static List<Line> lines(String... namesAndValues) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      lines.add(new Line(namesAndValues[i], namesAndValues[i + 1]));
    }
    return List.copyOf(lines);
  }

  /** Sends {@code GET path} with {@code lines} to 127.0.0.1:{@code port}; returns the status. */
  static int get(int port, String path, List<Line> lines) throws IOException {
    StringBuilder request =
        new StringBuilder("GET ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
            .append(port)
            .append("\r\nConnection: close\r\n");
    for (Line line : lines) {
      request.append(line.name()).append(':').append(line.value()).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String response = readAll(socket.getInputStream());
      // "HTTP/1.1 200 OK"
      return Integer.parseInt(response.substring(9, 12));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
