package dev.traced.chain;

import static dev.traced.chain.OneTracePerRequestTest.assertError;
import static dev.traced.chain.OneTracePerRequestTest.assertProblem;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the last hop fails, every span on the way back says so, and the client gets a 502. */
class DownstreamFailureTest {

  private ServiceChain chain;
  private String token;

  @BeforeEach
  void startChain() throws Exception {
    chain = new ServiceChain();
    token = chain.login("alice", "wonderland");
  }

  @AfterEach
  void stopChain() throws Exception {
    chain.close();
  }

  @Test
  void aDatabaseFailureInOrderServiceIsA500ThereAndA502AtTheGateway() throws Exception {
    try (Connection db = DriverManager.getConnection(chain.databaseUrl, "sa", "");
        Statement statement = db.createStatement()) {
      statement.execute("DROP TABLE orders");
    }

    HttpResponse<String> response = listOrders();

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

  @Test
  void anUnreachableOrderServiceIsA503FromAuthAndA502AtTheGateway() throws Exception {
    chain.order.close();

    HttpResponse<String> response = listOrders();

    assertThat(response.statusCode()).isEqualTo(502);
    String traceId = Trace.idOf(response.headers().firstValue("traceresponse").orElseThrow());
    assertProblem(response, 502, traceId);
    Trace trace = new Trace(traceId, chain.trace(traceId));
    SpanData gatewayClient = trace.child(trace.root(), "gateway-service", CLIENT);
    SpanData authServer = trace.child(gatewayClient, "auth-service", SERVER);
    SpanData authClient = trace.child(authServer, "auth-service", CLIENT);

    assertThat(authClient.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(authClient.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.net.ConnectException");
    assertError(authServer, "503");
    assertError(gatewayClient, "503");
    assertThat(trace.touches("order-service")).isFalse();
  }

  private HttpResponse<String> listOrders() throws Exception {
    return chain.send(chain.request("/api/orders").header("Authorization", "Bearer " + token).GET());
  }
}
