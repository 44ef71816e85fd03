package dev.traced.w3c;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /test}, the endpoint the W3C validation harness drives: each instruction in the body
 * becomes a callback, made in order, inside this request's trace.
 */
final class TestRoute {

  /** The path the suite's README uses: {@value}. */
  static final String PATH = "/test";

  private final CallbackClient callbacks;

  TestRoute(CallbackClient callbacks) {
    this.callbacks = requireNonNull(callbacks, "callbacks");
  }

  /** Makes the callbacks and answers with the status each one got. */
  void handle(Context ctx) throws Exception {
    List<Map<String, Object>> results = new ArrayList<>();
    for (Callback callback : Callback.parseAll(ctx.body())) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("url", callback.url().toString());
      result.put("status", callbacks.send(callback));
      results.add(result);
    }
    ctx.json(results);
  }
}
