package dev.traced.gateway;

import dev.traced.telemetry.DemoScenario;
import dev.traced.telemetry.http.TracedHttpClient;
import dev.traced.telemetry.javalin.Relay;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/** Forwards a public API call to auth-service and relays its answer. */
final class AuthClient {

  /** Request headers the next hop needs; nothing else of the caller's crosses the gateway. */
  private static final List<String> FORWARDED_HEADERS =
      List.of("Authorization", "Content-Type", "Idempotency-Key");

  /**
   * Where the demo's auth-unreachable scenario sends the call instead: the discard port of the
   * gateway's own host, where nothing listens, so the connection is refused for real.
   */
  static final URI UNREACHABLE_AUTH_URL = URI.create("http://127.0.0.1:9");

  private final TracedHttpClient http;
  private final URI authUrl;

  AuthClient(TracedHttpClient http, URI authUrl) {
    this.http = http;
    this.authUrl = authUrl;
  }

  /** Sends the method, body and forwarded headers of {@code ctx} to {@code path} of auth-service. */
  void forward(Context ctx, String path) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target().resolve(path))
            .method(ctx.method().name(), bodyOf(ctx));
    for (String header : FORWARDED_HEADERS) {
      String value = ctx.header(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    Relay.respond(ctx, http.send(request.build()), "auth-service");
  }

  private URI target() {
    return DemoScenario.is("auth-unreachable") ? UNREACHABLE_AUTH_URL : authUrl;
  }

  private static HttpRequest.BodyPublisher bodyOf(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    return body.length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body);
  }
}
