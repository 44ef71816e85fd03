package dev.traced.telemetry.javalin;

import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Hands the answer of the next service back to the caller. A 2xx-4xx answer passes through
 * unchanged (it is already a problem with the same traceId when it is an error); a 5xx answer
 * becomes this service's own 502, because the caller did nothing wrong.
 */
public final class Relay {

  /** Response headers that carry meaning across the hop and are passed through. */
  private static final List<String> PASSED_HEADERS =
      List.of("Content-Type", "WWW-Authenticate", "Idempotent-Replayed", "Location");

  private Relay() {}

  /** Writes {@code response}, the answer of {@code service}, to {@code ctx}. */
  public static void respond(Context ctx, HttpResponse<String> response, String service) {
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
    for (String header : PASSED_HEADERS) {
      response.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
    }
    ctx.status(response.statusCode()).result(response.body());
  }
}
