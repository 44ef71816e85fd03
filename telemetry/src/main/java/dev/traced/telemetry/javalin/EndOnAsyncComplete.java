package dev.traced.telemetry.javalin;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Ends the SERVER span of an asynchronous request when its response is complete, as the upstream
 * servlet instrumentation does. The servlet container calls it once the async work has finished,
 * failed or timed out; a timeout or an error may be followed by a completion, so only the first
 * call ends the span.
 */
final class EndOnAsyncComplete implements AsyncListener {

  private final Consumer<Throwable> endSpan;
  private final AtomicBoolean ended = new AtomicBoolean();

  /** Calls {@code endSpan} once, with the failure or {@code null}. */
  EndOnAsyncComplete(Consumer<Throwable> endSpan) {
    this.endSpan = endSpan;
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
      endSpan.accept(error);
    }
  }
}
