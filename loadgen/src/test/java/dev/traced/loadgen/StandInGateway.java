package dev.traced.loadgen;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP stand-in for gateway-service on 127.0.0.1: the public API, the demo scenarios, and
 * counters of everything it received, for tests to compare with loadgen's summary.
 */
final class StandInGateway implements AutoCloseable {

  /** How long the slow-database scenario takes here. */
  static final long SLOW_MILLIS = 200;

  private static final Map<String, String> PASSWORDS =
      Map.of("alice", "wonderland", "bob", "builder");

  private record Order(long id, String userId) {}

  /** {@code GET /health} requests received. */
  final AtomicInteger healthChecks = new AtomicInteger();

  /** {@code POST /api/login} requests received. */
  final AtomicInteger logins = new AtomicInteger();

  /** Requests to {@code /api/orders} and {@code /api/orders/{id}} received. */
  final AtomicInteger orderRequests = new AtomicInteger();

  /** Order requests that carried a {@code traceparent} (an outside client sends none). */
  final AtomicInteger withTraceparent = new AtomicInteger();

  /** The distinct {@code Idempotency-Key}s of created orders. */
  final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();

  /** Orders created. */
  final AtomicInteger creates = new AtomicInteger();

  /** Order requests per {@code Demo-Scenario} header value. */
  final Map<String, AtomicInteger> demoScenarios = new ConcurrentHashMap<>();

  private final Map<Integer, AtomicInteger> orderStatuses = new ConcurrentHashMap<>();
  private final Map<Long, Order> orders = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** Health checks still to fail with 503, as a gateway that is starting does. */
  final AtomicInteger unhealthyChecks = new AtomicInteger();

  /** When not 0, every order request is answered with this status instead. */
  volatile int forcedStatus;

  private final Javalin app;

  private StandInGateway() {
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.before(
                  ctx ->
                      ctx.header(
                          "traceresponse", "00-" + "a".repeat(32) + "-" + "b".repeat(16) + "-01"));
              config.routes.get("/health", this::health);
              config.routes.post("/api/login", this::login);
              config.routes.post("/api/orders", ctx -> order(ctx, this::create));
              config.routes.get("/api/orders", ctx -> order(ctx, this::list));
              config.routes.get("/api/orders/{id}", ctx -> order(ctx, this::get));
            });
    app.start("127.0.0.1", 0);
  }

  /** Starts a stand-in on a free port. */
  static StandInGateway start() {
    return new StandInGateway();
  }

  /** Its base URL, as {@code GATEWAY_URL} takes it. */
  String url() {
    return "http://127.0.0.1:" + app.port();
  }

  /** Statuses of the order requests, keyed like {@link Summary#statuses()}. */
  Map<String, Long> orderStatuses() {
    Map<String, Long> copy = new TreeMap<>();
    orderStatuses.forEach((status, n) -> copy.put(String.valueOf(status), (long) n.get()));
    return copy;
  }

  /** Every request received, of any kind. */
  int everything() {
    return healthChecks.get() + logins.get() + orderRequests.get();
  }

  @Override
  public void close() {
    app.stop();
  }

  private void health(Context ctx) {
    healthChecks.incrementAndGet();
    if (unhealthyChecks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      problem(ctx, 503);
    } else {
      ctx.json(Map.of("status", "UP"));
    }
  }

  private void login(Context ctx) {
    logins.incrementAndGet();
    Map<?, ?> body = ctx.bodyAsClass(Map.class);
    Object user = body.get("username");
    if (user != null
        && PASSWORDS.get(user.toString()) != null
        && PASSWORDS.get(user.toString()).equals(body.get("password"))) {
      ctx.json(Map.of("accessToken", "token-" + user, "tokenType", "Bearer", "expiresIn", 3600));
    } else {
      problem(ctx, 401);
    }
  }

  private interface OrderHandler {
    void handle(Context ctx, String user) throws Exception;
  }

  /** What the chain behind the gateway does for the demo scenarios, then the call itself. */
  private void order(Context ctx, OrderHandler handler) throws Exception {
    orderRequests.incrementAndGet();
    if (ctx.header("traceparent") != null) {
      withTraceparent.incrementAndGet();
    }
    String demo = ctx.header("Demo-Scenario");
    if (demo != null) {
      demoScenarios.computeIfAbsent(demo, d -> new AtomicInteger()).incrementAndGet();
    }
    String user = user(ctx);
    if (forcedStatus != 0) {
      problem(ctx, forcedStatus);
    } else if ("order-failure".equals(demo)) {
      problem(ctx, 502);
    } else if ("auth-unreachable".equals(demo)) {
      problem(ctx, 503);
    } else if (user == null) {
      problem(ctx, 401);
    } else {
      if ("slow-database".equals(demo)) {
        Thread.sleep(SLOW_MILLIS);
      }
      handler.handle(ctx, user);
    }
    orderStatuses
        .computeIfAbsent(ctx.status().getCode(), s -> new AtomicInteger())
        .incrementAndGet();
  }

  private void create(Context ctx, String user) {
    String key = ctx.header("Idempotency-Key");
    if (key == null || !"application/json".equals(ctx.contentType())) {
      problem(ctx, 400);
      return;
    }
    creates.incrementAndGet();
    idempotencyKeys.add(key);
    Order order = new Order(ids.incrementAndGet(), user);
    orders.put(order.id(), order);
    ctx.status(201).json(json(order));
  }

  private void list(Context ctx, String user) {
    List<Map<String, Object>> mine =
        orders.values().stream()
            .filter(o -> o.userId().equals(user))
            .map(StandInGateway::json)
            .toList();
    ctx.json(Map.of("orders", mine));
  }

  private void get(Context ctx, String user) {
    Order order;
    try {
      order = orders.get(Long.parseLong(ctx.pathParam("id")));
    } catch (NumberFormatException e) {
      order = null;
    }
    if (order == null || !order.userId().equals(user)) {
      problem(ctx, 404);
    } else {
      ctx.json(json(order));
    }
  }

  private static String user(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.startsWith("Bearer token-")) {
      return null;
    }
    String user = auth.substring("Bearer token-".length());
    return PASSWORDS.containsKey(user) ? user : null;
  }

  private static Map<String, Object> json(Order order) {
    return Map.of("id", order.id(), "userId", order.userId(), "item", "teapot", "quantity", 2);
  }

  private static void problem(Context ctx, int status) {
    ctx.status(status)
        .contentType("application/problem+json")
        .result(
            "{\"type\":\"about:blank\",\"status\":"
                + status
                + ",\"traceId\":\""
                + "a".repeat(32)
                + "\"}");
  }
}
