package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

  private TestService service;

  @BeforeEach
  void start() {
    service = TestService.start();
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
  }

  @Test
  void databaseSpansAreChildrenOfTheServerSpan() throws Exception {
    HttpResponse<String> response =
        service.send(
            service
                .request("/orders")
                .header("Authorization", "Bearer " + TestService.token("alice"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"quantity\":2}")));
    assertThat(response.statusCode()).isEqualTo(201);
    long orderId = TestService.json(response).get("id").asLong();

    List<SpanData> spans =
        service.awaitSpans(
            finished -> finished.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
    SpanData server = only(spans, SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("POST /orders");
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("enduser.id"))).isEqualTo("alice");
    assertThat(server.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(orderId);

    List<SpanData> database =
        spans.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
    // Without an Idempotency-Key a create is exactly one INSERT.
    assertThat(database).hasSize(1);
    SpanData insert = database.get(0);
    System.out.println(
        "JDBC span "
            + insert.getName()
            + " attributes: "
            + new TreeSet<>(
                insert.getAttributes().asMap().keySet().stream()
                    .map(AttributeKey::getKey)
                    .toList()));
    assertThat(insert.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(insert.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(insert.getName()).endsWith(".orders").startsWith("INSERT orders-");
    assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.operation")))
        .isEqualTo("INSERT");
    assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.sql.table")))
        .isEqualTo("orders");
    assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.system"))).isEqualTo("h2");
    assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.statement")))
        .isEqualTo(
            "INSERT INTO orders (user_id, item, quantity, idempotency_key, created_at)"
                + " VALUES (?, ?, ?, ?, ?)");
  }

  @Test
  void idempotentCreateReadsThenWritesInOneTrace() throws Exception {
    HttpResponse<String> response =
        service.post("alice", "{\"item\":\"book\",\"quantity\":2}", "trace-key");
    assertThat(response.statusCode()).isEqualTo(201);

    List<SpanData> spans =
        service.awaitSpans(
            finished -> finished.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
    SpanData server = only(spans, SpanKind.SERVER);
    assertThat(spans.stream().filter(span -> span.getKind() == SpanKind.CLIENT))
        .extracting(SpanData::getParentSpanId)
        .containsExactly(server.getSpanId(), server.getSpanId());
  }

  @Test
  void readSpanCarriesTheOrderAndRoute() throws Exception {
    long id =
        TestService.json(service.post("alice", "{\"item\":\"book\",\"quantity\":2}", null))
            .get("id")
            .asLong();
    service.awaitSpans(finished -> finished.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
    service.telemetry.reset();

    assertThat(service.get("alice", "/orders/" + id).statusCode()).isEqualTo(200);

    SpanData server =
        only(
            service.awaitSpans(
                finished -> finished.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)),
            SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("GET /orders/{id}");
    assertThat(server.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(id);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("enduser.id"))).isEqualTo("alice");
  }

  @Test
  void healthIsUpWithoutSpans() throws Exception {
    service.telemetry.reset();
    HttpResponse<String> response = service.send(service.request("/health"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    // A traced request after it: once its spans have ended, a span of the health check would have.
    assertThat(service.get("alice", "/orders").statusCode()).isEqualTo(200);
    List<SpanData> spans =
        service.awaitSpans(
            finished -> finished.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
    String listTrace = only(spans, SpanKind.SERVER).getTraceId();
    assertThat(spans).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(listTrace));
  }

  private static SpanData only(List<SpanData> spans, SpanKind kind) {
    List<SpanData> matching = spans.stream().filter(span -> span.getKind() == kind).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
