package dev.traced.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.testing.RawHttp.Line;
import dev.traced.testing.RawHttp.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RawHttpTest {

  private static final String ANSWER =
      "HTTP/1.1 431 Request Header Fields Too Large\r\n"
          + "Content-Type: application/problem+json\r\n"
          + "X-Seen: first\r\n"
          + "x-seen: last\r\n"
          + "Connection: close\r\n"
          + "\r\n"
          + "{\"status\":431}";

  @Test
  void exchangeSendsTheRequestAsGivenAndReadsTheWholeAnswer() throws Exception {
    String request = "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    try (OneExchangeServer server = new OneExchangeServer(ANSWER, "\r\n\r\n")) {
      Reply reply = RawHttp.exchange(server.port(), request);

      assertThat(server.received()).isEqualTo(request);
      assertThat(reply.status()).isEqualTo(431);
      assertThat(reply.headers())
          .containsEntry("content-type", "application/problem+json")
          .containsEntry("x-seen", "last");
      assertThat(reply.body()).isEqualTo("{\"status\":431}");
    }
  }

  @Test
  void exchangeWithAUriSendsTheHeadThenTheBody() throws Exception {
    String head = "POST /things HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n";
    try (OneExchangeServer server = new OneExchangeServer(ANSWER, "payload")) {
      URI uri = URI.create("http://127.0.0.1:" + server.port());

      RawHttp.exchange(uri, head, "payload".getBytes(StandardCharsets.US_ASCII));

      assertThat(server.received()).isEqualTo(head + "payload");
    }
  }

  @Test
  void getWritesEachLineExactlyWithItsWhitespaceAndRepeatedNames() throws Exception {
    try (OneExchangeServer server = new OneExchangeServer(ANSWER, "\r\n\r\n")) {
      List<Line> lines = RawHttp.lines("TraceParent", " 00-a-b-01 ", "tracestate", "a=1");

      Reply reply =
          RawHttp.get(server.port(), "/call", List.of(lines.get(0), lines.get(1), lines.get(1)));

      assertThat(reply.status()).isEqualTo(431);
      assertThat(server.received())
          .isEqualTo(
              "GET /call HTTP/1.1\r\nHost: 127.0.0.1:"
                  + server.port()
                  + "\r\nConnection: close\r\n"
                  + "TraceParent: 00-a-b-01 \r\ntracestate:a=1\r\ntracestate:a=1\r\n\r\n");
    }
  }

  @Test
  void replyOfAJavaNetHttpResponseReadsLikeARawOne() throws Exception {
    String answer = ANSWER.replace("Connection: close\r\n", "Content-Length: 14\r\n");
    try (OneExchangeServer server = new OneExchangeServer(answer, "\r\n\r\n")) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port())).build(),
                  HttpResponse.BodyHandlers.ofString());

      Reply reply = Reply.of(response);

      assertThat(reply.status()).isEqualTo(431);
      assertThat(reply.headers()).containsEntry("x-seen", "last");
      assertThat(reply.body()).isEqualTo("{\"status\":431}");
    }
  }

  @Test
  void anAnswerThatIsNotHttpFails() throws Exception {
    try (OneExchangeServer server = new OneExchangeServer("garbage", "\r\n\r\n")) {
      assertThatThrownBy(() -> RawHttp.exchange(server.port(), "GET / HTTP/1.1\r\n\r\n"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("garbage");
    }
  }

  @Test
  void linesComeInPairs() {
    assertThat(RawHttp.lines("a", "1", "b", "2"))
        .containsExactly(new Line("a", "1"), new Line("b", "2"));
    assertThatThrownBy(() -> RawHttp.lines("a")).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A server on loopback for one exchange: reads the request up to {@code lastBytes}, records it,
   * writes {@code answer} and closes the connection.
   */
  private static final class OneExchangeServer implements AutoCloseable {
    private final ServerSocket socket;
    private final CompletableFuture<String> received = new CompletableFuture<>();

    OneExchangeServer(String answer, String lastBytes) throws IOException {
      socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Thread serving =
          new Thread(
              () -> {
                try (Socket connection = socket.accept()) {
                  received.complete(readUpTo(connection.getInputStream(), lastBytes));
                  connection.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  received.completeExceptionally(e);
                }
              });
      serving.setDaemon(true);
      serving.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    String received() throws Exception {
      return received.get(10, TimeUnit.SECONDS);
    }

    private static String readUpTo(InputStream in, String lastBytes) throws IOException {
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      while (!request.toString(StandardCharsets.ISO_8859_1).endsWith(lastBytes)) {
        int next = in.read();
        if (next < 0) {
          break;
        }
        request.write(next);
      }
      return request.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
