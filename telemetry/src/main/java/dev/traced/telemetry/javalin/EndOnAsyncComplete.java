package dev.traced.telemetry.javalin;

import io.opentelemetry.context.Context;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the SERVER span of an asynchronous request when its response is complete, as the upstream
 * servlet instrumentation does. The servlet container calls it once the async work has finished,
 * failed or timed out; a timeout or an error may be followed by a completion, so only the first
 * call ends the span.
 */
final class EndOnAsyncComplete implements AsyncListener {

  private final TracingFilter filter;
  private final Context context;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final AtomicBoolean ended = new AtomicBoolean();

  EndOnAsyncComplete(
      TracingFilter filter,
      Context context,
      HttpServletRequest request,
      HttpServletResponse response) {
    this.filter = filter;
    this.context = context;
    this.request = request;
    this.response = response;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    end(null);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    end(event.getThrowable());
  }

  @Override
  public void onError(AsyncEvent event) {
    end(event.getThrowable());
  }

  /** A new async cycle on the same request: keep listening to it. */
  @Override
  public void onStartAsync(AsyncEvent event) {
    event.getAsyncContext().addListener(this);
  }

  private void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      filter.end(context, request, response, error);
    }
  }
}
