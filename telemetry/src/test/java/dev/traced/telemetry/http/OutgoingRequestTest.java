package dev.traced.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request sent is the caller's, with the propagation headers set in place of its own. */
class OutgoingRequestTest {

  private final HttpRequest caller =
      HttpRequest.newBuilder(URI.create("http://order-service:8082/orders"))
          .POST(HttpRequest.BodyPublishers.ofString("{}"))
          .timeout(Duration.ofSeconds(3))
          .version(HttpClient.Version.HTTP_1_1)
          .expectContinue(true)
          .header("Content-Type", "application/json")
          .header("TraceParent", "00-11111111111111111111111111111111-2222222222222222-01")
          .build();

  @Test
  void sendsTheCallersRequestUntouchedWhenNoHeaderWasSet() {
    assertThat(OutgoingRequest.of(caller).toSend()).isSameAs(caller);
  }

  @Test
  void setsHeadersInPlaceOfTheCallersOfTheSameNameAndKeepsTheRest() {
    OutgoingRequest outgoing = OutgoingRequest.of(caller);
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    outgoing.setHeader("traceparent", traceparent);
    outgoing.setHeader("baggage", "demo.scenario=normal");

    HttpRequest sent = outgoing.toSend();

    assertThat(sent.headers().allValues("traceparent")).containsExactly(traceparent);
    assertThat(sent.headers().allValues("baggage")).containsExactly("demo.scenario=normal");
    assertThat(sent.headers().allValues("content-type")).containsExactly("application/json");
    assertThat(sent.headers().map()).hasSize(3);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.uri()).isEqualTo(caller.uri());
    assertThat(sent.timeout()).contains(Duration.ofSeconds(3));
    assertThat(sent.version()).contains(HttpClient.Version.HTTP_1_1);
    assertThat(sent.expectContinue()).isTrue();
    assertThat(sent.bodyPublisher()).isEqualTo(caller.bodyPublisher());
    assertThat(outgoing.original().headers().allValues("traceparent"))
        .isEqualTo(List.of("00-11111111111111111111111111111111-2222222222222222-01"));
  }
}
