package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.e2e.JaegerUi.SpanRow;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebElement;

/**
 * A newcomer's way from the demo page into Jaeger's own UI and back, in a real browser, with what
 * each view must show. Saves a screenshot of each of Jaeger's views.
 */
final class JaegerUiTour {

  private JaegerUiTour() {}

  /**
   * Creates an order on the demo page of {@code gateway}, follows its "Open in Jaeger" link and
   * walks Jaeger's views; {@code jaeger} is the query API of the same Jaeger, for what the views
   * must show.
   */
  static void walk(Browser browser, URI gateway, JaegerQuery jaeger, Path screenshots) {
    DemoPage demoPage = DemoPage.open(browser, gateway);
    demoPage.logIn("alice", "wonderland");
    WebElement entry = demoPage.createOrder("teapot", 2);
    String traceId = DemoPage.traceIdOf(entry);
    JaegerTrace trace = jaeger.awaitTrace(traceId, ExpectedSpans.CREATED_ORDER);
    JaegerUi ui = new JaegerUi(browser);

    // The trace view: a row for every span Jaeger holds, the three services and the database.
    demoPage.openInJaeger(entry);
    List<SpanRow> rows = ui.awaitTraceView(traceId, trace.spans().size());
    assertThat(rows)
        .containsExactlyInAnyOrderElementsOf(
            trace.spans().stream()
                .map(span -> new SpanRow(span.service(), span.operation()))
                .toList());
    assertThat(rows)
        .extracting(SpanRow::service)
        .contains(Service.GATEWAY.serviceName, Service.AUTH.serviceName, Service.ORDER.serviceName);
    assertThat(rows)
        .filteredOn(row -> row.service().equals(Service.ORDER.serviceName))
        .anySatisfy(row -> assertThat(row.operation()).startsWith("INSERT"));

    // order-service's span, opened: the log lines the service wrote while it was current.
    List<String> logs = ui.expandSpan(new SpanRow(Service.ORDER.serviceName, "POST /orders"));
    assertThat(logs).anySatisfy(log -> assertThat(log).contains("order stored"));
    browser.screenshot(screenshots.resolve("jaeger-trace-view.png"));

    // Search by service lists the trace.
    assertThat(ui.findTracesOf(Service.GATEWAY.serviceName)).contains(traceId);
    browser.screenshot(screenshots.resolve("jaeger-search.png"));

    // System Architecture draws the chain, each caller above the service it calls.
    Map<String, Integer> graph = ui.systemArchitecture(3);
    assertThat(graph)
        .containsKeys(
            Service.GATEWAY.serviceName, Service.AUTH.serviceName, Service.ORDER.serviceName);
    assertThat(graph.get(Service.GATEWAY.serviceName))
        .isLessThan(graph.get(Service.AUTH.serviceName));
    assertThat(graph.get(Service.AUTH.serviceName))
        .isLessThan(graph.get(Service.ORDER.serviceName));
    browser.screenshot(screenshots.resolve("jaeger-system-architecture.png"));

    // The menu link of jaeger/ui-config.json leads back to the demo page.
    ui.followMenu("Demo page");
    assertThat(browser.driver.getCurrentUrl()).startsWith(gateway.resolve("/").toString());
    assertThat(DemoPage.isShown(browser.driver)).isTrue();
  }
}
