package dev.traced.kit.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Hands the answer of the next service back to the caller. A 2xx-4xx answer passes through
 * unchanged (it is already a problem with the same traceId when it is an error); a 5xx answer
 * becomes this service's own 502, because the caller did nothing wrong.
 */
public final class Relay {

  private final String service;
  private final List<String> passedHeaders;

  private Relay(String service, List<String> passedHeaders) {
    this.service = requireNonNull(service, "service");
    this.passedHeaders = List.copyOf(passedHeaders);
  }

  /**
   * A relay of the answers of {@code service} (the name a 502 gives), passing on the response
   * headers {@code passedHeaders}: those that carry meaning across the hop. Which ones is part of
   * the service's HTTP contract, so the caller names them.
   */
  public static Relay of(String service, List<String> passedHeaders) {
    return new Relay(service, requireNonNull(passedHeaders, "passedHeaders"));
  }

  /** Writes {@code response}, the answer of the service, to {@code ctx}. */
  public void respond(Context ctx, HttpResponse<String> response) {
    if (response.statusCode() >= 500) {
      ProblemResponses.respond(
          ctx,
          Problem.of(
              Problem.ABOUT_BLANK,
              "Bad Gateway",
              502,
              service + " failed with status " + response.statusCode()));
      return;
    }
    for (String header : passedHeaders) {
      response.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
    }
    ctx.status(response.statusCode()).result(response.body());
  }
}
