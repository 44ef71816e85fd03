package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.e2e.ComposeSystem.ContainerEvent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same checks against docker-compose.yml as shipped, started with {@code docker compose up
 * --build} (PostgreSQL, the Jaeger image, loadgen included), and what only compose does: start in
 * health order, read logs with {@code docker compose logs}, stop with {@code docker compose down},
 * keep Jaeger's traces on a volume.
 */
@ExtendWith(Backends.RequiresDocker.class)
class ComposeE2eIT extends EndToEndChecks {

  private static final Path WORK_DIR = RepoFiles.root().resolve("e2e-tests/target/e2e-compose");

  private ComposeSystem compose;

  /** The order created just before {@code down}: its trace, for the test that follows. */
  private String lastTraceId;

  @Override
  DeployedSystem startSystem() throws Exception {
    RepoFiles.deleteRecursively(WORK_DIR);
    // A user's own programs may hold the ports that compose publishes by default; the test
    // must not need them, so it holds them itself while compose starts.
    try (HeldPorts held = HeldPorts.holdWhereFree(8080, 16686)) {
      compose = ComposeSystem.start(WORK_DIR);
    }
    return compose;
  }

  @Test
  @Order(0)
  void theReadmesQuickStartPrintsWhatTheReadmeShows() throws Exception {
    String traceId = ReadmeChecks.createOrderAsShown(compose.gatewayUrl());

    // The README's order is a new one (201): its trace is a created order's.
    ReadmeChecks.assertTraceAsShown(jaeger().awaitTrace(traceId, ExpectedSpans.CREATED_ORDER));
    ReadmeChecks.assertLogLineAsShown(compose.outputLines(Service.ORDER), traceId);
    ReadmeChecks.assertErrorAsShown(compose.gatewayUrl());
  }

  @Test
  @Order(0)
  void upStartsEachServiceOnlyOnceTheOneItNeedsIsHealthy() {
    List<ContainerEvent> events = compose.events();

    assertStartedOnceHealthy(events, "order-service", "postgres");
    assertStartedOnceHealthy(events, "auth-service", "order-service");
    assertStartedOnceHealthy(events, "gateway-service", "auth-service");
    assertStartedOnceHealthy(events, "loadgen", "gateway-service");
  }

  @Test
  @Order(50)
  void openInJaegerLeadsThroughJaegersOwnUiAndBack() throws Exception {
    Backends.requireChromium();
    try (Browser browser = Browser.start()) {
      JaegerUiTour.walk(
          browser,
          compose.gatewayUrl(),
          jaeger(),
          RepoFiles.root().resolve("e2e-tests/target/screenshots/compose"));
    }
  }

  @Test
  @Order(100)
  void downStopsEveryServiceGracefullyAndTheLastRequestsTraceReachesJaeger() throws Exception {
    HttpResponse<String> response =
        gateway().createOrder(token(), "{\"item\":\"last one\",\"quantity\":1}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String traceId = Gateway.traceIdOf(response);

    Instant downStarted = Instant.now();
    Duration took =
        compose.down(
            List.of(
                "loadgen",
                Service.GATEWAY.serviceName,
                Service.AUTH.serviceName,
                Service.ORDER.serviceName));

    List<ContainerEvent> events = compose.events(downStarted);
    for (Service service : Service.values()) {
      // SIGTERM only, never the SIGKILL that follows a grace run out; the JVM's own exit code
      // for a SIGTERM it handled (128 + 15).
      assertThat(events)
          .filteredOn(
              event -> event.service().equals(service.serviceName) && event.action().equals("kill"))
          .extracting(event -> event.attributes().get("signal"))
          .as("signals sent to %s", service.serviceName)
          .containsOnly("15");
      assertThat(events)
          .filteredOn(
              event -> event.service().equals(service.serviceName) && event.action().equals("die"))
          .extracting(event -> event.attributes().get("exitCode"))
          .as("exit of %s", service.serviceName)
          .containsExactly("143");
    }
    assertThat(took).isLessThan(ComposeSystem.STOP_GRACE);
    // Jaeger is still up; the services flushed their last spans on the way out.
    JaegerTrace trace = jaeger().awaitTrace(traceId, ExpectedSpans.CREATED_ORDER);
    assertThat(trace.touches(Service.ORDER)).isTrue();
    assertThat(trace.spans()).anySatisfy(span -> assertThat(span.operation()).startsWith("INSERT"));
    lastTraceId = traceId;
  }

  @Test
  @Order(110)
  void jaegersNextContainerFindsTheTracesOnTheVolume() {
    assertThat(lastTraceId).as("the trace of the order created before down").isNotNull();
    JaegerTrace before = jaeger().awaitTrace(lastTraceId, ExpectedSpans.CREATED_ORDER);

    // A new container, as an upgrade or `down` and `up` make: only the volume carries over.
    compose.recreate("jaeger");

    JaegerTrace after = jaeger().awaitTrace(lastTraceId, ExpectedSpans.CREATED_ORDER);
    assertThat(after.spans()).containsExactlyInAnyOrderElementsOf(before.spans());
  }

  private static void assertStartedOnceHealthy(
      List<ContainerEvent> events, String service, String dependency) {
    Instant healthy = firstTime(events, dependency, "health_status: healthy");
    Instant started = firstTime(events, service, "start");
    assertThat(started).as("%s started after %s was healthy", service, dependency).isAfter(healthy);
  }

  private static Instant firstTime(List<ContainerEvent> events, String service, String action) {
    return events.stream()
        .filter(event -> event.service().equals(service) && event.action().equals(action))
        .map(ContainerEvent::time)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no '" + action + "' of " + service + " in " + events));
  }
}
