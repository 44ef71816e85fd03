package dev.traced.telemetry.javalin;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * A servlet response for microbenchmarks: a status and no headers; anything else throws, so a new
 * read shows up at once instead of measuring a default.
 */
final class StandInResponse extends HttpServletResponseWrapper {

  private final int status;

  StandInResponse(int status) {
    super(unsupported());
    this.status = status;
  }

  private static HttpServletResponse unsupported() {
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            StandInResponse.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, called, args) -> {
              throw new UnsupportedOperationException("stand-in response: " + called.getName());
            });
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public List<String> getHeaders(String name) {
    return List.of();
  }
}
