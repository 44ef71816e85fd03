package dev.traced.auth;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small real HTTP server in place of order-service: it records every call it receives and answers
 * the way order-service does, or with a forced status. The full chain is tested elsewhere; here
 * only the hop from auth-service matters.
 */
final class OrderServiceStandIn implements AutoCloseable {

  /** A call as the stand-in received it; header names are case-insensitive. */
  record Received(String method, String path, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name);
    }
  }

  static final String CREATED_ORDER = "{\"id\":7,\"item\":\"book\",\"quantity\":2}";
  static final String NOT_FOUND_PROBLEM =
      "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
          + "\"detail\":\"order 99 not found\",\"traceId\":\"0af7651916cd43dd8448eb211c80319c\"}";

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile int forcedStatus;
  private final Javalin app;

  private OrderServiceStandIn() {
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.post("/orders", this::createOrder);
                  config.routes.get("/orders", this::listOrders);
                  config.routes.get("/orders/{id}", this::getOrder);
                })
            .start("127.0.0.1", 0);
  }

  static OrderServiceStandIn start() {
    return new OrderServiceStandIn();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  int port() {
    return app.port();
  }

  /** From now on answers every call with {@code status} and a problem body. */
  void failWith(int status) {
    forcedStatus = status;
  }

  /** The next call received, waiting briefly for it; {@code null} if none came. */
  Received nextCall() throws InterruptedException {
    return received.poll(5, TimeUnit.SECONDS);
  }

  /** Whether no call has arrived (that was not yet taken with {@link #nextCall}). */
  boolean receivedNothing() {
    return received.isEmpty();
  }

  private void createOrder(Context ctx) {
    record(ctx);
    ctx.header("Location", "/orders/7");
    answer(ctx, 201, CREATED_ORDER, "application/json");
  }

  private void listOrders(Context ctx) {
    record(ctx);
    answer(ctx, 200, "[]", "application/json");
  }

  private void getOrder(Context ctx) {
    record(ctx);
    if (ctx.pathParam("id").equals("7")) {
      answer(ctx, 200, CREATED_ORDER, "application/json");
    } else {
      answer(ctx, 404, NOT_FOUND_PROBLEM, "application/problem+json");
    }
  }

  private void answer(Context ctx, int status, String body, String contentType) {
    if (forcedStatus != 0) {
      status = forcedStatus;
      body = "{\"status\":" + status + ",\"detail\":\"stand-in failure\"}";
      contentType = "application/problem+json";
    }
    ctx.status(status).contentType(contentType).result(body);
  }

  private void record(Context ctx) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(ctx.headerMap());
    received.add(new Received(ctx.method().name(), ctx.path(), headers, ctx.body()));
  }

  @Override
  public void close() {
    app.stop();
  }
}
