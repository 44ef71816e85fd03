package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for order-service, the next hop. Calls go through a traced {@link HttpClient}, so each one
 * is a CLIENT span of the current request and carries its trace to order-service.
 */
public final class OrderClient {

  /** The service name used in relayed errors and logs: {@value}. */
  public static final String SERVICE = "order-service";

  private static final Logger log = LoggerFactory.getLogger(OrderClient.class);

  /**
   * One user call to pass on.
   *
   * @param method HTTP method, e.g. {@code "POST"}
   * @param path path on order-service, already percent-encoded, e.g. {@code "/orders/42"}
   * @param body request body; empty for none
   * @param contentType the caller's {@code Content-Type}, or {@code null}
   * @param idempotencyKey the caller's {@code Idempotency-Key}, or {@code null}
   */
  public record Call(
      String method, String path, String body, String contentType, String idempotencyKey) {}

  private final HttpClient http;
  private final URI baseUrl;
  private final Duration timeout;

  /**
   * Client that sends to order-service at {@code baseUrl} through {@code http}, each call answered
   * within {@code timeout} or failed.
   */
  public OrderClient(HttpClient http, URI baseUrl, Duration timeout) {
    this.http = requireNonNull(http, "http");
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  /**
   * Sends {@code call} to order-service as the user whom {@code assertion} names, and returns its
   * answer whatever the status. Must run on the handler's thread, where its context is.
   */
  public HttpResponse<String> forward(Call call, String assertion)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        call.body() == null || call.body().isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(resolve(call.path()))
            .method(call.method(), body)
            .timeout(timeout)
            .header("Authorization", "Bearer " + requireNonNull(assertion, "assertion"));
    if (call.contentType() != null) {
      request.header("Content-Type", call.contentType());
    }
    if (call.idempotencyKey() != null) {
      request.header("Idempotency-Key", call.idempotencyKey());
    }
    log.info("forwarding to order-service");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI resolve(String path) {
    String base = baseUrl.toString();
    // ORDER_URL may or may not end with a slash; either way the path follows once.
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(trimmed + path);
  }
}
