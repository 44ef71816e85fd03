package dev.traced.telemetry.http;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The {@link HttpClient} that {@link JavaHttpClientTelemetry#newHttpClient} returns: sends through
 * the wrapped client, each call inside a CLIENT span; every setting is the wrapped client's.
 */
final class TracingHttpClient extends HttpClient {

  private final HttpClient delegate;
  private final Instrumenter<OutgoingRequest, HttpResponse<?>> instrumenter;

  TracingHttpClient(
      HttpClient delegate, Instrumenter<OutgoingRequest, HttpResponse<?>> instrumenter) {
    this.delegate = delegate;
    this.instrumenter = instrumenter;
  }

  /**
   * Sends {@code request} in a CLIENT span. A call that fails to connect, times out or breaks off
   * throws, with the failure recorded on the span.
   */
  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Context parent = Context.current();
    OutgoingRequest outgoing = OutgoingRequest.of(request);
    if (!instrumenter.shouldStart(parent, outgoing)) {
      return delegate.send(request, handler);
    }
    // start() sets traceparent, tracestate and baggage on outgoing.
    Context context = instrumenter.start(parent, outgoing);
    HttpResponse<T> response = null;
    Throwable error = null;
    try (Scope ignored = context.makeCurrent()) {
      response = delegate.send(outgoing.toSend(), handler);
      return response;
    } catch (IOException | InterruptedException | RuntimeException e) {
      error = e;
      throw e;
    } finally {
      instrumenter.end(context, outgoing, response, error);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  /**
   * Sends {@code request} in a CLIENT span that ends when the answer (or the failure) arrives.
   * Stages the caller chains on the future run on the client's executor, outside any context: wrap
   * them with {@code Context.current().wrap(...)} to keep the trace.
   */
  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    Context parent = Context.current();
    OutgoingRequest outgoing = OutgoingRequest.of(request);
    if (!instrumenter.shouldStart(parent, outgoing)) {
      return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
    Context context = instrumenter.start(parent, outgoing);
    CompletableFuture<HttpResponse<T>> answer;
    try (Scope ignored = context.makeCurrent()) {
      answer = delegate.sendAsync(outgoing.toSend(), handler, pushPromiseHandler);
    } catch (RuntimeException e) {
      instrumenter.end(context, outgoing, null, e);
      throw e;
    }
    return answer.whenComplete(
        (response, error) -> instrumenter.end(context, outgoing, response, unwrap(error)));
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
