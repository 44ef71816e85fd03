package dev.traced.kit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * For tests: HTTP/1.1 over a plain socket, bytes sent exactly as given, for what {@code
 * java.net.http} will not send: bad request lines, a raw {@code ..}, repeated header names, the
 * whitespace around a header value (which the client trims).
 */
final class RawHttp {

  /** One header line as sent: {@code name ":" value}, the value with its whitespace. */
  record Line(String name, String value) {
    @Override
    public String toString() {
      return name + ":" + value;
    }
  }

  /**
   * An answer.
   *
   * @param status the status code of the status line
   * @param headers header names in lower case to their last value
   * @param body everything after the blank line
   */
  record Answer(int status, Map<String, String> headers, String body) {}

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
    return exchange(port, request.toString()).status();
  }

  /** Sends {@code request} (with {@code Connection: close} in it) and reads the whole answer. */
  static Answer exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
  }
}
