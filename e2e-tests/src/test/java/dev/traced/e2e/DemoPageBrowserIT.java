package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in headless Chromium against the three services and the real Jaeger binary: a
 * newcomer's first clicks, and what they must see.
 */
@ExtendWith({Backends.RequiresJaegerBinary.class, Backends.RequiresChromium.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPageBrowserIT {

  private static final Path SCREENSHOTS = RepoFiles.root().resolve("e2e-tests/target/screenshots");

  private LocalProcesses system;
  private Browser browser;
  private JaegerQuery jaeger;

  @BeforeAll
  void start() throws Exception {
    system = LocalProcesses.withJaegerBinary("e2e-browser");
    jaeger = new JaegerQuery(system.jaegerQueryUrl());
    browser = Browser.start();
    browser.driver.get(system.gatewayUrl().resolve("/").toString());
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
    new Select(element("user")).selectByValue("alice");
    element("password").clear();
    element("password").sendKeys("wonderland");
    element("login").click();
    await(() -> element("current-user").getText().contains("alice"));

    element("item").clear();
    element("item").sendKeys("teapot");
    element("quantity").clear();
    element("quantity").sendKeys("2");
    element("create-order").click();

    WebElement entry = awaitEntryWithStatus("201");
    String traceId = entry.findElement(By.cssSelector("[data-testid=trace-id]")).getText().strip();
    assertThat(traceId).matches("[0-9a-f]{32}");
    WebElement waterfall = awaitWaterfallOf(traceId);
    browser.screenshot(SCREENSHOTS.resolve("demo-page-created-order.png"));

    assertThat(servicesOf(waterfall))
        .contains(Service.GATEWAY.serviceName, Service.AUTH.serviceName, Service.ORDER.serviceName);
    assertThat(waterfall.findElements(By.cssSelector("[data-testid=log-line]"))).isNotEmpty();
    // The page shows the trace that Jaeger holds for the request, span for span.
    assertThat(waterfall.findElements(By.cssSelector("[data-testid=span-row]")))
        .hasSize(jaeger.awaitTrace(traceId).spans().size());
  }

  @Test
  @Order(2)
  void aFailingScenarioShowsItsErrorSpans() {
    element("scenario-order-failure").click();

    WebElement entry = awaitEntryWithStatus("502");
    String traceId = entry.findElement(By.cssSelector("[data-testid=trace-id]")).getText().strip();
    assertThat(traceId).matches("[0-9a-f]{32}");
    WebElement waterfall = awaitWaterfallOf(traceId);
    browser.screenshot(SCREENSHOTS.resolve("demo-page-order-failure.png"));

    List<WebElement> failed =
        waterfall.findElements(By.cssSelector("[data-testid=span-row][data-error=true]"));
    assertThat(failed.stream().map(row -> row.getAttribute("data-service")).collect(Collectors.toSet()))
        .contains(Service.ORDER.serviceName, Service.GATEWAY.serviceName);
  }

  private WebElement element(String testId) {
    return browser.driver.findElement(By.cssSelector("[data-testid=" + testId + "]"));
  }

  /** The newest request entry, once it shows {@code status}. */
  private WebElement awaitEntryWithStatus(String status) {
    return wait(Duration.ofSeconds(30))
        .until(
            driver -> {
              List<WebElement> entries = driver.findElements(By.cssSelector("[data-testid=request-entry]"));
              if (entries.isEmpty()) {
                return null;
              }
              WebElement newest = entries.get(0);
              String shown = newest.findElement(By.cssSelector("[data-testid=request-status]")).getText();
              return shown.contains(status) ? newest : null;
            });
  }

  /** The waterfall once it is drawn for {@code traceId} (not still the previous trace). */
  private WebElement awaitWaterfallOf(String traceId) {
    return wait(Duration.ofSeconds(30))
        .until(
            driver -> {
              WebElement waterfall = driver.findElement(By.cssSelector("[data-testid=waterfall]"));
              boolean ready = "ready".equals(waterfall.getAttribute("data-state"));
              return ready && waterfall.getText().contains(traceId) ? waterfall : null;
            });
  }

  private void await(java.util.function.BooleanSupplier condition) {
    wait(Duration.ofSeconds(15)).until(driver -> condition.getAsBoolean());
  }

  private WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(browser.driver, timeout);
  }

  private static Set<String> servicesOf(WebElement waterfall) {
    return waterfall.findElements(By.cssSelector("[data-testid=span-row]")).stream()
        .map(row -> row.getAttribute("data-service"))
        .collect(Collectors.toSet());
  }
}
