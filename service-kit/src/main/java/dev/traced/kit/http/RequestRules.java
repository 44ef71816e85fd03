package dev.traced.kit.http;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.javalin.plugin.Plugin;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Javalin plugin with what a request must be before a handler reads it. Each broken rule is a 4xx
 * problem (through {@link ProblemResponses}), never a 5xx and never a handler running on it:
 *
 * <ul>
 *   <li>Request line and headers over {@link Config#maxHeaderBytes}: 431 from Jetty (414 when the
 *       request line alone is too long).
 *   <li>A body over {@link Config#maxBodyBytes}: 413 as it is read, with or without {@code
 *       Content-Length}, so a chunked body is held to the same limit.
 *   <li>A POST, PUT or PATCH to a route without {@code Content-Type: application/json}: 415,
 *       checked once the route is matched, before its handler runs (or forwards anything).
 *   <li>A known path with a method it does not have: 405 with {@code Allow}, not 404.
 * </ul>
 */
public final class RequestRules extends Plugin<RequestRules.Config> {

  /** Largest accepted request body: {@value} bytes (64 KiB; this API's bodies are under 1 KiB). */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** Largest accepted request line plus headers: {@value} bytes, Jetty's own default. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;

  /** Methods whose body a handler reads, and so must be JSON. */
  private static final Set<HandlerType> BODY_METHODS =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);

  /** Settings of the plugin. */
  public static final class Config {
    /** Largest accepted request body in bytes; {@link #DEFAULT_MAX_BODY_BYTES} by default. */
    public int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    /** Largest request line plus headers in bytes; {@link #DEFAULT_MAX_HEADER_BYTES} by default. */
    public int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
  }

  /** The rules with the default limits. */
  public RequestRules() {
    this(rules -> {});
  }

  /** The rules with limits set by {@code userConfig}. */
  public RequestRules(Consumer<Config> userConfig) {
    super(userConfig, new Config());
  }

  @Override
  public void onInitialize(JavalinState state) {
    state.http.maxRequestSize = pluginConfig.maxBodyBytes;
    state.http.prefer405over404 = true;
    state.jetty.modifyHttpConfiguration(
        http -> http.setRequestHeaderSize(pluginConfig.maxHeaderBytes));
    state.routes.beforeMatched(RequestRules::requireJsonBody);
  }

  private static void requireJsonBody(Context ctx) {
    if (BODY_METHODS.contains(ctx.method()) && !isJson(ctx.header("Content-Type"))) {
      throw new UnsupportedMediaTypeResponse(
          "the body must be sent as Content-Type: application/json");
    }
  }

  /** {@code application/json}, with parameters such as {@code charset} or without. */
  static boolean isJson(String contentType) {
    return contentType != null
        && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
  }
}
