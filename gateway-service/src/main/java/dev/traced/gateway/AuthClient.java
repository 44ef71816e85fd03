package dev.traced.gateway;

import dev.traced.kit.http.ForwardedHeaders;
import dev.traced.kit.http.Relay;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Forwards a public API call to auth-service and relays its answer. */
final class AuthClient {

  /** Request headers the next hop needs; nothing else of the caller's crosses the gateway. */
  private static final List<String> FORWARDED_HEADERS =
      List.of("Authorization", "Content-Type", "Idempotency-Key");

  /** Response headers of the API that carry meaning back to the client. */
  private static final List<String> RELAYED_HEADERS =
      List.of("Content-Type", "WWW-Authenticate", "Idempotent-Replayed", "Location");

  /**
   * Where the demo's auth-unreachable scenario sends the call instead: the discard port of the
   * gateway's own host, where nothing listens, so the connection is refused for real.
   */
  static final URI UNREACHABLE_AUTH_URL = URI.create("http://127.0.0.1:9");

  private final HttpClient http;
  private final URI authUrl;
  private final Duration timeout;
  private final Relay relay = Relay.of("auth-service", RELAYED_HEADERS);

  AuthClient(HttpClient http, URI authUrl, Duration timeout) {
    this.http = http;
    this.authUrl = authUrl;
    this.timeout = timeout;
  }

  /**
   * Sends the method, body and forwarded headers of {@code ctx} to {@code path} of auth-service.
   */
  void forward(Context ctx, String path) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target().resolve(path))
            .method(ctx.method().name(), bodyOf(ctx))
            .timeout(timeout);
    for (String header : FORWARDED_HEADERS) {
      String value = ForwardedHeaders.value(ctx, header);
      if (value != null) {
        request.header(header, value);
      }
    }
    relay.respond(ctx, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private URI target() {
    return DemoScenario.is(DemoScenario.AUTH_UNREACHABLE) ? UNREACHABLE_AUTH_URL : authUrl;
  }

  private static HttpRequest.BodyPublisher bodyOf(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    return body.length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body);
  }
}
