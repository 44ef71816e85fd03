package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo page in headless Chromium against the three services and the real Jaeger binary, with
 * its UI: a newcomer's first clicks, and what they must see on the page and in Jaeger.
 */
@ExtendWith({Backends.RequiresJaegerBinary.class, Backends.RequiresChromium.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPageBrowserIT {

  private static final Path SCREENSHOTS = RepoFiles.root().resolve("e2e-tests/target/screenshots");

  private LocalProcesses system;
  private Browser browser;
  private DemoPage demoPage;
  private JaegerQuery jaeger;

  @BeforeAll
  void start() throws Exception {
    system = LocalProcesses.withJaegerBinary("e2e-browser");
    jaeger = new JaegerQuery(system.jaegerQueryUrl());
    browser = Browser.start();
    demoPage = DemoPage.open(browser, system.gatewayUrl());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (system != null) {
      system.close();
    }
  }

  @Test
  @Order(1)
  void createdOrderShowsItsTraceIdAndAWaterfallAcrossTheThreeServicesWithLogLines() {
    demoPage.logIn("alice", "wonderland");

    WebElement entry = demoPage.createOrder("teapot", 2);
    String traceId = DemoPage.traceIdOf(entry);
    assertThat(traceId).matches("[0-9a-f]{32}");
    WebElement waterfall = demoPage.awaitWaterfallOf(traceId);
    browser.screenshot(SCREENSHOTS.resolve("demo-page-created-order.png"));

    assertThat(servicesOf(waterfall))
        .contains(Service.GATEWAY.serviceName, Service.AUTH.serviceName, Service.ORDER.serviceName);
    assertThat(waterfall.findElements(By.cssSelector("[data-testid=log-line]"))).isNotEmpty();
    // The page shows the trace that Jaeger holds for the request, span for span (the page adds
    // an Idempotency-Key: a created order's seven).
    assertThat(waterfall.findElements(By.cssSelector("[data-testid=span-row]")))
        .hasSize(jaeger.awaitTrace(traceId, ExpectedSpans.CREATED_ORDER).spans().size());
  }

  @Test
  @Order(2)
  void aFailingScenarioShowsItsErrorSpans() {
    demoPage.runScenario("order-failure");

    WebElement entry = demoPage.awaitEntryWithStatus("502");
    String traceId = DemoPage.traceIdOf(entry);
    assertThat(traceId).matches("[0-9a-f]{32}");
    WebElement waterfall = demoPage.awaitWaterfallOf(traceId);
    browser.screenshot(SCREENSHOTS.resolve("demo-page-order-failure.png"));

    List<WebElement> failed =
        waterfall.findElements(By.cssSelector("[data-testid=span-row][data-error=true]"));
    assertThat(
            failed.stream()
                .map(row -> row.getAttribute("data-service"))
                .collect(Collectors.toSet()))
        .contains(Service.ORDER.serviceName, Service.GATEWAY.serviceName);
  }

  @Test
  @Order(3)
  void openInJaegerLeadsThroughJaegersOwnUiAndBack() {
    JaegerUiTour.walk(browser, system.gatewayUrl(), jaeger, SCREENSHOTS.resolve("processes"));
  }

  private static Set<String> servicesOf(WebElement waterfall) {
    return waterfall.findElements(By.cssSelector("[data-testid=span-row]")).stream()
        .map(row -> row.getAttribute("data-service"))
        .collect(Collectors.toSet());
  }
}
