package dev.traced.gateway;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public API. Every call goes to auth-service, which decides who may do what. Its OpenAPI
 * description is served at {@value #DESCRIPTION_PATH}.
 */
final class GatewayRoutes {

  /** Where the API's OpenAPI 3.1 description is served: {@value}. */
  static final String DESCRIPTION_PATH = "/openapi.json";

  /** Paths that get no span: reading the API's description is not a call of the API. */
  static final Set<String> UNTRACED_PATHS = Set.of(DESCRIPTION_PATH);

  private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);

  /** An order id is forwarded as one path segment, so it may not carry "/", "." or escapes. */
  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final AuthClient auth;
  private final byte[] description = description();

  GatewayRoutes(AuthClient auth) {
    this.auth = auth;
  }

  void register(RoutesConfig routes) {
    routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
    routes.post("/api/login", ctx -> forward(ctx, "/login"));
    routes.post("/api/orders", ctx -> forward(ctx, "/orders"));
    routes.get("/api/orders", ctx -> forward(ctx, "/orders"));
    routes.get("/api/orders/{id}", ctx -> forward(ctx, "/orders/" + orderId(ctx)));
    routes.get(DESCRIPTION_PATH, ctx -> ctx.contentType("application/json").result(description));
  }

  private void forward(Context ctx, String path) throws Exception {
    log.info("forwarding {} {} to auth-service", ctx.method(), path);
    auth.forward(ctx, path);
  }

  private static String orderId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ORDER_ID.matcher(id).matches()) {
      throw new BadRequestResponse("order id must be letters, digits, '-' or '_'");
    }
    return id;
  }

  /** The hand-written description in the jar, read once: it cannot change while the jar runs. */
  private static byte[] description() {
    try (InputStream in = GatewayRoutes.class.getResourceAsStream(DESCRIPTION_PATH)) {
      if (in == null) {
        throw new IllegalStateException(DESCRIPTION_PATH + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
