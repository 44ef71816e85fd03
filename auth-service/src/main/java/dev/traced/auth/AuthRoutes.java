package dev.traced.auth;

import static java.util.Objects.requireNonNull;

import dev.traced.kit.http.ForwardedHeaders;
import dev.traced.kit.http.Relay;
import dev.traced.telemetry.EndUser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of auth-service. Handlers hold business code only: the tracing plugin has made the
 * request's SERVER span current before they run, and the order client continues it.
 */
final class AuthRoutes {

  private static final Logger log = LoggerFactory.getLogger(AuthRoutes.class);

  /** Response headers of order-service that carry meaning back to the caller. */
  private static final List<String> RELAYED_HEADERS =
      List.of("Content-Type", "WWW-Authenticate", "Idempotent-Replayed", "Location");

  private final Relay relay = Relay.of(OrderClient.SERVICE, RELAYED_HEADERS);

  private final UserDirectory users;
  private final AccessTokens tokens;
  private final IdentityAssertions identities;
  private final OrderClient orders;

  AuthRoutes(
      UserDirectory users, AccessTokens tokens, IdentityAssertions identities, OrderClient orders) {
    this.users = requireNonNull(users, "users");
    this.tokens = requireNonNull(tokens, "tokens");
    this.identities = requireNonNull(identities, "identities");
    this.orders = requireNonNull(orders, "orders");
  }

  /** Declares every route on {@code routes}. */
  void register(RoutesConfig routes) {
    routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
    routes.post("/login", this::login);
    routes.post("/orders", ctx -> forward(ctx, "/orders"));
    routes.get("/orders", ctx -> forward(ctx, "/orders"));
    routes.get("/orders/{id}", ctx -> forward(ctx, "/orders/" + encode(ctx.pathParam("id"))));
  }

  private void login(Context ctx) {
    LoginRequest login =
        ctx.bodyValidator(LoginRequest.class)
            .check(body -> isPresent(body.username()), "username is required")
            .check(body -> isPresent(body.password()), "password is required")
            .get();
    String userId =
        users
            .authenticate(login.username(), login.password())
            .orElseThrow(
                () -> {
                  log.info("login failed");
                  // One message for unknown user and wrong password: no hint which one it was.
                  return new UnauthorizedResponse("invalid username or password");
                });
    EndUser.is(userId);
    log.info("login succeeded");
    ctx.json(LoginResponse.bearer(tokens.issue(userId), tokens.ttl().toSeconds()));
  }

  private void forward(Context ctx, String path) throws Exception {
    String userId = authenticate(ctx);
    EndUser.is(userId);
    log.info("token verified");
    OrderClient.Call call =
        new OrderClient.Call(
            ctx.method().name(),
            path,
            ctx.body(),
            ForwardedHeaders.value(ctx, "Content-Type"),
            ForwardedHeaders.value(ctx, "Idempotency-Key"));
    relay.respond(ctx, orders.forward(call, identities.mint(userId)));
  }

  /** The user id of the caller's bearer token; a rejection tells the client how to authenticate. */
  private String authenticate(Context ctx) {
    try {
      return tokens.verify(ctx.header("Authorization"));
    } catch (UnauthorizedResponse e) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw e;
    }
  }

  private static boolean isPresent(String value) {
    return value != null && !value.isBlank();
  }

  /** Percent-encodes a path segment, so that an id can never change the forwarded path. */
  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
