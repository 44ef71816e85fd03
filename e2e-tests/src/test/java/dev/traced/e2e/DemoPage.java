package dev.traced.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo page the gateway serves, driven the way a user clicks through it. */
final class DemoPage {

  private final Browser browser;

  private DemoPage(Browser browser) {
    this.browser = browser;
  }

  /** Opens the page of the gateway at {@code gateway}. */
  static DemoPage open(Browser browser, URI gateway) {
    browser.driver.get(gateway.resolve("/").toString());
    return new DemoPage(browser);
  }

  /** Whether the browser shows the demo page now (its login form). */
  static boolean isShown(WebDriver driver) {
    return !driver.findElements(By.cssSelector("[data-testid=login]")).isEmpty();
  }

  void logIn(String user, String password) {
    new Select(element("user")).selectByValue(user);
    element("password").clear();
    element("password").sendKeys(password);
    element("login").click();
    wait(Duration.ofSeconds(15)).until(driver -> element("current-user").getText().contains(user));
  }

  /** Creates an order with the form; returns its entry in the request log once it shows 201. */
  WebElement createOrder(String item, int quantity) {
    element("item").clear();
    element("item").sendKeys(item);
    element("quantity").clear();
    element("quantity").sendKeys(String.valueOf(quantity));
    element("create-order").click();
    return awaitEntryWithStatus("201");
  }

  /** Lists the user's orders with its button; returns the new request entry once it shows 200. */
  WebElement listOrders() {
    int before = entries().size();
    element("list-orders").click();
    return wait(Duration.ofSeconds(30))
        .until(
            driver -> {
              List<WebElement> entries = entries();
              return entries.size() > before && statusOf(entries.get(0)).contains("200")
                  ? entries.get(0)
                  : null;
            });
  }

  /** Runs the scenario of that name with its button. */
  void runScenario(String name) {
    element("scenario-" + name).click();
  }

  /** The newest request entry, once it shows {@code status}. */
  WebElement awaitEntryWithStatus(String status) {
    return wait(Duration.ofSeconds(30))
        .until(
            driver -> {
              List<WebElement> entries = entries();
              if (entries.isEmpty()) {
                return null;
              }
              WebElement newest = entries.get(0);
              return statusOf(newest).contains(status) ? newest : null;
            });
  }

  /** The request entries, newest first. */
  private List<WebElement> entries() {
    return browser.driver.findElements(By.cssSelector("[data-testid=request-entry]"));
  }

  private static String statusOf(WebElement entry) {
    return entry.findElement(By.cssSelector("[data-testid=request-status]")).getText();
  }

  /** The trace id that {@code entry} shows. */
  static String traceIdOf(WebElement entry) {
    return entry.findElement(By.cssSelector("[data-testid=trace-id]")).getText().strip();
  }

  /** The waterfall once it is drawn for {@code traceId} (not still the previous trace). */
  WebElement awaitWaterfallOf(String traceId) {
    return wait(Duration.ofSeconds(30))
        .until(
            driver -> {
              WebElement waterfall = driver.findElement(By.cssSelector("[data-testid=waterfall]"));
              boolean ready = "ready".equals(waterfall.getAttribute("data-state"));
              return ready && waterfall.getText().contains(traceId) ? waterfall : null;
            });
  }

  /**
   * The waterfall once the page has settled on {@code traceId}: drawn ({@code data-state} {@code
   * ready}), or explained ({@code not-found}, {@code sampled-out}), waiting up to {@code timeout}.
   */
  WebElement awaitOutcomeFor(String traceId, Duration timeout) {
    return wait(timeout)
        .until(
            driver -> {
              WebElement waterfall = driver.findElement(By.cssSelector("[data-testid=waterfall]"));
              boolean settled = !"loading".equals(waterfall.getAttribute("data-state"));
              return settled && waterfall.getText().contains(traceId) ? waterfall : null;
            });
  }

  /** Follows {@code entry}'s "Open in Jaeger" link, into the browser tab it opens. */
  void openInJaeger(WebElement entry) {
    browser.follow(entry.findElement(By.partialLinkText("Open in Jaeger")));
  }

  private WebElement element(String testId) {
    return browser.driver.findElement(By.cssSelector("[data-testid=" + testId + "]"));
  }

  private WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(browser.driver, timeout);
  }
}
