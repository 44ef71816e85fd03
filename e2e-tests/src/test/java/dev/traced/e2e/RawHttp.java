package dev.traced.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket: sends the bytes it is given as they are, for requests that {@code
 * java.net.http} refuses to send (a bad request line, an unknown method, a raw {@code ..} in the
 * path, a header of 20 KB), and reads the answer until the server closes the connection.
 */
final class RawHttp {

  /**
   * An answer, from either client.
   *
   * @param status the status code
   * @param headers header names in lower case to their (last) value
   * @param body the body as text
   */
  record Reply(int status, Map<String, String> headers, String body) {

    static Reply of(HttpResponse<String> response) {
      Map<String, String> headers = new TreeMap<>();
      response.headers().map().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), values.get(values.size() - 1)));
      return new Reply(response.statusCode(), headers, response.body());
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code head} (request line, headers and the blank line, exactly as given) and then
   * {@code body} to the server of {@code baseUrl}.
   */
  static Reply exchange(URI baseUrl, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(baseUrl.getHost(), baseUrl.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
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
      throw new IllegalStateException("no HTTP answer: " + answer);
    }
    String[] lines = answer.substring(0, headEnd).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(headEnd + 4));
  }
}
