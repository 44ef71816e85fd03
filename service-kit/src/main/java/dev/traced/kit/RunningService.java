package dev.traced.kit;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;

/**
 * A service that {@link ServiceShell} started: its Javalin app and what must close after it.
 * Closing stops intake, lets in-flight requests finish, then closes the rest in order.
 */
public final class RunningService implements AutoCloseable {

  /**
   * One HTTP route of the service, as it was declared.
   *
   * @param method the HTTP method, e.g. {@code "GET"}
   * @param path the path with its parameters, e.g. {@code "/orders/{id}"}
   */
  public record Route(String method, String path) {}

  private final String host;
  private final Javalin app;
  private final List<Route> routes;
  private final List<AutoCloseable> inClosingOrder;

  RunningService(String host, Javalin app, List<Route> routes, List<AutoCloseable> closeAfterStop) {
    this.host = requireNonNull(host, "host");
    this.app = requireNonNull(app, "app");
    this.routes = List.copyOf(routes);
    List<AutoCloseable> order = new ArrayList<>();
    order.add(app::stop);
    order.addAll(closeAfterStop);
    this.inClosingOrder = List.copyOf(order);
  }

  /** The interface listened on. */
  public String host() {
    return host;
  }

  /** The port listened on: the real one when the configured port was 0. */
  public int port() {
    return app.port();
  }

  /**
   * The HTTP routes the service declared, in the order declared; before-, after- and static-file
   * handlers are not routes. What an API description must name, as the app itself knows it.
   */
  public List<Route> routes() {
    return routes;
  }

  /**
   * Drains and stops the server, then closes what the service handed over, in that order. Each is
   * closed even when one before it failed; the first failure is thrown, unchecked.
   */
  @Override
  public void close() {
    RuntimeException failure = closeInOrder(inClosingOrder);
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes each of {@code resources}; returns the first failure, later ones suppressed in it. */
  static RuntimeException closeInOrder(List<AutoCloseable> resources) {
    RuntimeException failure = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        RuntimeException unchecked =
            e instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException("closing " + resource + " failed", e);
        if (failure == null) {
          failure = unchecked;
        } else {
          failure.addSuppressed(unchecked);
        }
      }
    }
    return failure;
  }
}
