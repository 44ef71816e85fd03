package dev.traced.chain;

import static dev.traced.chain.OneTracePerRequestTest.assertError;
import static dev.traced.chain.OneTracePerRequestTest.assertProblem;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.traced.chain.BrokenService.Failure;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When a hop fails (down, unreachable, silent, answering garbage, or failing inside), the caller
 * answers with a problem within its configured timeout, and every span on the way back says what
 * happened.
 */
class DownstreamFailureTest {

  /** The timeout configured for the broken hop in these tests. */
  private static final Duration HOP_TIMEOUT = Duration.ofSeconds(1);

  /** Concurrent calls per round of the leak check, and its rounds. */
  private static final int CALLS_PER_ROUND = 8;

  private static final int ROUNDS = 6;

  /** What a client may wait beyond the configured timeout: scheduling, not waiting. */
  private static final Duration MARGIN = Duration.ofMillis(1500);

  static Stream<Arguments> brokenHops() {
    return Stream.of(
        // The gateway's own call fails: it answers with the status that names the failure.
        Arguments.of("auth-service", Failure.DOWN, 503, "java.net.ConnectException"),
        Arguments.of(
            "auth-service", Failure.UNREACHABLE, 503, "java.net.http.HttpConnectTimeoutException"),
        Arguments.of("auth-service", Failure.SILENT, 504, "java.net.http.HttpTimeoutException"),
        Arguments.of("auth-service", Failure.GARBAGE, 502, "java.net.ProtocolException"),
        // auth-service's call fails: it answers 503/504/502, which the gateway relays as 502.
        Arguments.of("order-service", Failure.DOWN, 503, "java.net.ConnectException"),
        Arguments.of(
            "order-service", Failure.UNREACHABLE, 503, "java.net.http.HttpConnectTimeoutException"),
        Arguments.of("order-service", Failure.SILENT, 504, "java.net.http.HttpTimeoutException"),
        Arguments.of("order-service", Failure.GARBAGE, 502, "java.net.ProtocolException"));
  }

  @ParameterizedTest(name = "{0} {1}: {2} from its caller, CLIENT span error.type {3}")
  @MethodSource("brokenHops")
  void aBrokenHopIsAProblemWithinTheTimeoutAndAFailedClientSpan(
      String brokenService, Failure failure, int callerStatus, String errorType) throws Exception {
    try (BrokenService broken = BrokenService.start(failure);
        ServiceChain chain = chainWithBroken(brokenService, broken)) {
      // Logging in needs auth-service; the gateway checks no token itself.
      String token =
          brokenService.equals("auth-service") ? "unchecked" : chain.login("alice", "wonderland");

      Instant start = Instant.now();
      HttpResponse<String> response = listOrders(chain, token);
      Duration elapsed = Duration.between(start, Instant.now());

      int gatewayStatus = brokenService.equals("auth-service") ? callerStatus : 502;
      assertThat(response.statusCode()).as(response.body()).isEqualTo(gatewayStatus);
      assertThat(elapsed).isLessThan(HOP_TIMEOUT.plus(MARGIN));
      String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
      assertProblem(response, gatewayStatus, traceId);

      Trace trace = new Trace(traceId, chain.trace(traceId));
      SpanData gatewayServer = trace.root();
      SpanData gatewayClient = trace.child(gatewayServer, "gateway-service", CLIENT);
      SpanData failedClient = gatewayClient;
      if (brokenService.equals("order-service")) {
        SpanData authServer = trace.child(gatewayClient, "auth-service", SERVER);
        failedClient = trace.child(authServer, "auth-service", CLIENT);
        assertError(authServer, String.valueOf(callerStatus));
        assertError(gatewayClient, String.valueOf(callerStatus));
      }
      assertError(failedClient, errorType);
      assertThat(failedClient.getEvents())
          .anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
      assertError(gatewayServer, String.valueOf(gatewayStatus));
      assertThat(trace.touches("order-service")).isFalse();

      // The caller let go of the connection: nothing is left hanging on the broken side.
      awaitNoOpenConnections(broken);
    }
  }

  @Test
  void manyCallsToASilentServiceLeaveNoThreadsOrConnectionsBehind() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CALLS_PER_ROUND);
    try (BrokenService broken = BrokenService.start(Failure.SILENT);
        ServiceChain chain = chainWithBroken("order-service", broken)) {
      String token = chain.login("alice", "wonderland");
      long threadsAfterWarmUp = 0;
      for (int round = 1; round <= ROUNDS; round++) {
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS_PER_ROUND; i++) {
          calls.add(clients.submit(() -> listOrders(chain, token)));
        }
        for (Future<HttpResponse<String>> call : calls) {
          assertThat(call.get().statusCode()).isEqualTo(502);
        }
        awaitNoOpenConnections(broken);
        if (round == 2) {
          threadsAfterWarmUp = callThreads();
        }
      }
      // The pools grow and shrink by a few; a thread left behind per call would add
      // CALLS_PER_ROUND with every round, 32 over the last four.
      assertThat(callThreads()).isLessThan(threadsAfterWarmUp + CALLS_PER_ROUND);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aDatabaseFailureInOrderServiceIsA500ThereAndA502AtTheGateway() throws Exception {
    try (ServiceChain chain = new ServiceChain()) {
      String token = chain.login("alice", "wonderland");
      try (Connection db = DriverManager.getConnection(chain.databaseUrl, "sa", "");
          Statement statement = db.createStatement()) {
        statement.execute("DROP TABLE orders");
      }

      HttpResponse<String> response = listOrders(chain, token);

      assertThat(response.statusCode()).isEqualTo(502);
      String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
      assertProblem(response, 502, traceId);
      Trace trace = new Trace(traceId, chain.trace(traceId));
      SpanData gatewayServer = trace.root();
      SpanData gatewayClient = trace.child(gatewayServer, "gateway-service", CLIENT);
      SpanData authServer = trace.child(gatewayClient, "auth-service", SERVER);
      SpanData authClient = trace.child(authServer, "auth-service", CLIENT);
      SpanData orderServer = trace.child(authClient, "order-service", SERVER);

      assertError(orderServer, "500");
      // The statement fails while being prepared, before a database span would start; the
      // exception is on the SERVER span instead.
      assertThat(orderServer.getEvents())
          .anySatisfy(
              event ->
                  assertThat(
                          Class.forName(
                              event.getAttributes().get(ExceptionAttributes.EXCEPTION_TYPE)))
                      .isAssignableTo(SQLException.class));
      assertError(authClient, "500");
      assertError(authServer, "502");
      assertError(gatewayClient, "502");
      assertError(gatewayServer, "502");
    }
  }

  /**
   * The chain with {@code brokenService} replaced by {@code broken}, its caller's timeout short.
   */
  private static ServiceChain chainWithBroken(String brokenService, BrokenService broken) {
    String timeout = String.valueOf(HOP_TIMEOUT.toMillis());
    if (brokenService.equals("auth-service")) {
      return new ServiceChain(
          Map.of(), Map.of("AUTH_URL", broken.url().toString(), "AUTH_TIMEOUT_MS", timeout));
    }
    return new ServiceChain(
        Map.of("ORDER_URL", broken.url().toString(), "ORDER_TIMEOUT_MS", timeout), Map.of());
  }

  private static HttpResponse<String> listOrders(ServiceChain chain, String token)
      throws Exception {
    return chain.send(
        chain.request("/api/orders").header("Authorization", "Bearer " + token).GET());
  }

  private static void awaitNoOpenConnections(BrokenService broken) {
    await("no connection left open to the broken service")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(broken::openConnections, open -> open == 0);
  }

  /**
   * The threads of the pools that serve and make the calls: Jetty's request threads and the JDK
   * HTTP clients' own. Not the JVM's count, which moves with whatever else runs in it.
   */
  private static long callThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("JettyServerThreadPool") || name.startsWith("HttpClient-"))
        .count();
  }
}
