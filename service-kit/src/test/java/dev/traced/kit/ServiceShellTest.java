package dev.traced.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.telemetry.testing.InMemoryTelemetry;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceShellTest {

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("shell-test");
  private final List<String> closed = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  @Test
  void aStartedServiceIsTracedAndAnswersErrorsAsProblems() throws Exception {
    try (RunningService service =
        ServiceShell.builder(telemetry.sdk())
            .app(javalin -> javalin.routes.get("/items/{id}", ctx -> ctx.result("item")))
            .start("127.0.0.1", 0)) {
      HttpResponse<String> found = get(service, "/items/1");
      HttpResponse<String> missing = get(service, "/nowhere");

      assertThat(found.body()).isEqualTo("item");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(telemetry.awaitSpans(2))
          .extracting(span -> span.getKind() + " " + span.getName())
          .containsExactlyInAnyOrder("SERVER GET /items/{id}", "SERVER GET");
    }
  }

  @Test
  void closingStopsTheServerFirstThenWhatTheServiceHolds() {
    RunningService service =
        ServiceShell.builder(telemetry.sdk())
            .closeAfterStop(() -> closed.add("pool"), () -> closed.add("cache"))
            .start("127.0.0.1", 0);
    int port = service.port();

    service.close();

    assertThat(closed).containsExactly("pool", "cache");
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .as("the port is no longer served")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aServiceThatCannotStartClosesWhatItWasHanded() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServiceShell.Builder builder =
          ServiceShell.builder(telemetry.sdk()).closeAfterStop(() -> closed.add("pool"));

      assertThatThrownBy(() -> builder.start("127.0.0.1", taken.getLocalPort()))
          .isInstanceOf(RuntimeException.class);
    }
    assertThat(closed).containsExactly("pool");
  }

  private static HttpResponse<String> get(RunningService service, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
