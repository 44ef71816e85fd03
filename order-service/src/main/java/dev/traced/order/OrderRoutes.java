package dev.traced.order;

import dev.traced.kit.jwt.BearerJwtVerifier;
import dev.traced.telemetry.EndUser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API of order-service: thin handlers that check input and call {@link Orders}. */
final class OrderRoutes {

  /** Request header that makes a create safe to retry. */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Response header saying the order comes from an earlier request with the same key. */
  static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  /** Longest accepted idempotency key: {@value}. */
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

  private static final Logger log = LoggerFactory.getLogger(OrderRoutes.class);

  private final BearerJwtVerifier identity;
  private final Orders orders;

  /** Routes that authenticate with {@code identity} and act through {@code orders}. */
  OrderRoutes(BearerJwtVerifier identity, Orders orders) {
    this.identity = identity;
    this.orders = orders;
  }

  /** Declares every route on {@code routes}. */
  void register(RoutesConfig routes) {
    // Liveness only: no database call, so a slow database does not get the process killed.
    routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
    routes.post("/orders", this::create);
    routes.get("/orders", this::list);
    routes.get("/orders/{id}", this::get);
  }

  private void create(Context ctx) throws Exception {
    String userId = user(ctx);
    String key = idempotencyKey(ctx);
    NewOrder order =
        ctx.bodyValidator(NewOrder.class)
            .check(
                NewOrder::hasValidItem,
                "item must be 1.."
                    + NewOrder.MAX_ITEM_LENGTH
                    + " characters, not blank, without control characters or line breaks")
            .check(NewOrder::hasValidQuantity, "quantity must be 1.." + NewOrder.MAX_QUANTITY)
            .get();
    Orders.Created created = orders.create(userId, order, key);
    if (created.replayed()) {
      ctx.header(IDEMPOTENT_REPLAYED, "true").status(200).json(created.order());
    } else {
      ctx.status(201).json(created.order());
    }
  }

  private void list(Context ctx) throws Exception {
    ctx.json(Map.of("orders", orders.list(user(ctx))));
  }

  private void get(Context ctx) throws Exception {
    String userId = user(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("order id must be a number");
    }
    ctx.json(orders.get(userId, id));
  }

  /** The verified user of this request; a 401 tells the caller how to authenticate. */
  private String user(Context ctx) {
    String userId;
    try {
      userId = identity.verify(ctx.header("Authorization"));
    } catch (UnauthorizedResponse e) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw e;
    }
    EndUser.is(userId);
    log.info("identity verified");
    return userId;
  }

  /** The optional {@value #IDEMPOTENCY_KEY}: 1..128 visible ASCII characters. */
  private static String idempotencyKey(Context ctx) {
    String key = ctx.header(IDEMPOTENCY_KEY);
    if (key == null) {
      return null;
    }
    if (key.isEmpty()
        || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
        || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new BadRequestResponse(
          IDEMPOTENCY_KEY
              + " must be 1.."
              + MAX_IDEMPOTENCY_KEY_LENGTH
              + " visible ASCII characters");
    }
    return key;
  }
}
