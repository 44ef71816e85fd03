package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo scenarios arrive as the baggage entry demo.scenario and make real failures. */
class DemoScenarioTest {

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
  void slowDatabaseIsASlowDatabaseSpanInsideTheRequest() throws Exception {
    HttpResponse<String> response = list("slow-database");

    assertThat(response.statusCode()).isEqualTo(200);
    List<SpanData> spans = awaitServerSpan();
    SpanData slowQuery =
        spans.stream()
            .filter(span -> span.getKind() == SpanKind.CLIENT)
            .filter(
                span ->
                    "SELECT demo_sleep(?)"
                        .equals(span.getAttributes().get(AttributeKey.stringKey("db.statement"))))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no demo_sleep query in " + spans));
    assertThat(Duration.ofNanos(slowQuery.getEndEpochNanos() - slowQuery.getStartEpochNanos()))
        .isGreaterThanOrEqualTo(Orders.SLOW_DATABASE);
  }

  @Test
  void orderFailureIsA500WithTheExceptionOnTheServerSpan() throws Exception {
    HttpResponse<String> response = list("order-failure");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("\"traceId\"").doesNotContain("order store is failing");
    SpanData server =
        awaitServerSpan().stream()
            .filter(span -> span.getKind() == SpanKind.SERVER)
            .findFirst()
            .orElseThrow();
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.getEvents()).anyMatch(event -> event.getName().equals("exception"));
  }

  @Test
  void noScenarioMeansNoDelayAndNoFailure() throws Exception {
    assertThat(list(null).statusCode()).isEqualTo(200);

    assertThat(awaitServerSpan())
        .noneMatch(
            span ->
                String.valueOf(span.getAttributes().get(AttributeKey.stringKey("db.statement")))
                    .contains("demo_sleep"));
  }

  private HttpResponse<String> list(String scenario) throws Exception {
    var request =
        service.request("/orders").header("Authorization", "Bearer " + TestService.token("alice"));
    if (scenario != null) {
      request.header("baggage", "demo.scenario=" + scenario);
    }
    return service.send(request);
  }

  private List<SpanData> awaitServerSpan() throws InterruptedException {
    return service.awaitSpans(
        finished -> finished.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
  }
}
