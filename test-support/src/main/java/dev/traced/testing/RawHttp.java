package dev.traced.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for tests: sends the bytes it is given exactly as they are, for
 * what {@code java.net.http} refuses to send or would change (a bad request line, an unknown
 * method, a raw {@code ..} in the path, a repeated header name, the whitespace around a header
 * value, a header of 20 KB), then reads the answer until the server closes the connection. A
 * request should therefore say {@code Connection: close}, or be one the server closes after.
 */
public final class RawHttp {

  /** How long a read may wait for the server before the exchange fails: {@value} ms. */
  public static final int READ_TIMEOUT_MILLIS = 30_000;

  /**
   * One header line as sent: {@code name ":" value}, the value with whatever whitespace it has.
   *
   * @param name the header name, as written (any case)
   * @param value the value, written right after the colon
   */
  public record Line(String name, String value) {
    @Override
    public String toString() {
      return name + ":" + value;
    }
  }

  /**
   * An answer, from this client or from {@code java.net.http} (see {@link #of}), so that a test can
   * check both the same way.
   *
   * @param status the status code of the status line
   * @param headers header names in lower case to their last value
   * @param body everything after the blank line, as UTF-8 text
   */
  public record Reply(int status, Map<String, String> headers, String body) {

    /** The same answer as {@code java.net.http} read it. */
    public static Reply of(HttpResponse<String> response) {
      Map<String, String> headers = new TreeMap<>();
      response
          .headers()
          .map()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(Locale.ROOT), values.get(values.size() - 1)));
      return new Reply(response.statusCode(), headers, response.body());
    }
  }

  private RawHttp() {}

  /** Header lines from {@code name, value, name, value, ...}. */
  public static List<Line> lines(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      lines.add(new Line(namesAndValues[i], namesAndValues[i + 1]));
    }
    return List.copyOf(lines);
  }

  /**
   * Sends {@code GET path} to 127.0.0.1:{@code port} with {@code Host}, {@code Connection: close}
   * and then exactly {@code lines}, no body.
   */
  public static Reply get(int port, String path, List<Line> lines) throws IOException {
    StringBuilder request =
        new StringBuilder("GET ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
            .append(port)
            .append("\r\nConnection: close\r\n");
    for (Line line : lines) {
      request.append(line).append("\r\n");
    }
    request.append("\r\n");
    return exchange(port, request.toString());
  }

  /**
   * Sends {@code request} (request line, headers, blank line, any body) to 127.0.0.1:{@code port}.
   */
  public static Reply exchange(int port, String request) throws IOException {
    return send(
        InetAddress.getLoopbackAddress(),
        port,
        request.getBytes(StandardCharsets.ISO_8859_1),
        new byte[0]);
  }

  /**
   * Sends {@code head} (request line, headers and the blank line, exactly as given) and then {@code
   * body} to the host and port of {@code server}.
   */
  public static Reply exchange(URI server, String head, byte[] body) throws IOException {
    return send(
        InetAddress.getByName(server.getHost()),
        server.getPort(),
        head.getBytes(StandardCharsets.ISO_8859_1),
        requireNonNull(body, "body"));
  }

  private static Reply send(InetAddress host, int port, byte[] head, byte[] body)
      throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      return parse(readToEnd(socket.getInputStream()));
    }
  }

  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    in.transferTo(answer);
    return answer.toString(StandardCharsets.UTF_8);
  }

  private static Reply parse(String answer) {
    int headEnd = answer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      throw new IllegalStateException("not an HTTP answer: " + answer);
    }
    String[] lines = answer.substring(0, headEnd).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        throw new IllegalStateException("not a header line: " + lines[i]);
      }
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String[] statusLine = lines[0].split(" ");
    if (statusLine.length < 2) {
      throw new IllegalStateException("not a status line: " + lines[0]);
    }
    return new Reply(Integer.parseInt(statusLine[1]), headers, answer.substring(headEnd + 4));
  }
}
