package dev.traced.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Jaeger's own UI (jaeger-ui v1.76.0, as Jaeger 2.13.0 embeds it) in the browser, read the way a
 * user reads it: the rows of a trace, a span's logs, the search results, the service graph.
 */
final class JaegerUi {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Pattern TRACE_LINK = Pattern.compile("/trace/([0-9a-f]{32})$");

  private final Browser browser;

  JaegerUi(Browser browser) {
    this.browser = browser;
  }

  /** One row of the trace view: the service and the operation it names. */
  record SpanRow(String service, String operation) {}

  /** The trace view of {@code traceId}, once it shows {@code spans} rows. */
  List<SpanRow> awaitTraceView(String traceId, int spans) {
    return wait(PATIENCE)
        .until(
            driver -> {
              if (!driver.getCurrentUrl().contains("/trace/" + traceId)) {
                return null;
              }
              List<SpanRow> rows =
                  driver.findElements(By.cssSelector(".span-row .span-name")).stream()
                      .map(
                          name ->
                              new SpanRow(
                                  name.findElement(By.cssSelector(".span-svc-name"))
                                      .getText()
                                      .strip(),
                                  name.findElement(By.cssSelector(".endpoint-name"))
                                      .getText()
                                      .strip()))
                      .toList();
              return rows.size() == spans ? rows : null;
            });
  }

  /** Opens the detail of the span in the row of {@code row}; returns its log entries as shown. */
  List<String> expandSpan(SpanRow row) {
    WebElement name =
        browser.driver.findElements(By.cssSelector(".span-row .span-name")).stream()
            .filter(
                candidate ->
                    candidate
                        .getText()
                        .replace('\n', ' ')
                        .strip()
                        .equals(row.service() + " " + row.operation()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no row " + row + " in the trace view"));
    name.click();
    return wait(PATIENCE)
        .until(
            driver -> {
              List<String> logs =
                  driver
                      .findElements(
                          By.cssSelector(".AccordianLogs--content .AccordianKeyValues--header"))
                      .stream()
                      .map(WebElement::getText)
                      .toList();
              return logs.isEmpty() ? null : logs;
            });
  }

  /** Search, by {@code service}, with the form's defaults: the trace ids listed. */
  List<String> findTracesOf(String service) {
    menu("Search").click();
    WebElement select =
        wait(PATIENCE).until(driver -> driver.findElement(By.cssSelector("div[name=service]")));
    select.click();
    WebElement input = select.findElement(By.cssSelector("input"));
    input.sendKeys(service);
    input.sendKeys(Keys.ENTER);
    browser.driver.findElement(By.xpath("//button[normalize-space()='Find Traces']")).click();
    return wait(PATIENCE)
        .until(
            driver -> {
              List<String> ids =
                  driver.findElements(By.cssSelector("a[href*='/trace/']")).stream()
                      .map(link -> TRACE_LINK.matcher(String.valueOf(link.getAttribute("href"))))
                      .filter(Matcher::find)
                      .map(found -> found.group(1))
                      .distinct()
                      .toList();
              return ids.isEmpty() ? null : ids;
            });
  }

  /**
   * System Architecture: the services the graph draws, each with the height at which it is drawn (a
   * caller above the services it calls, in the default hierarchical layout), once at least {@code
   * services} of them are labelled.
   */
  Map<String, Integer> systemArchitecture(int services) {
    menu("System Architecture").click();
    return wait(PATIENCE)
        .until(
            driver -> {
              Map<String, Integer> nodes = new LinkedHashMap<>();
              for (WebElement label : driver.findElements(By.cssSelector(".DAG--nodeLabel"))) {
                String name = label.getText().replace("\n", "").strip();
                // A node is drawn before its label text is: wait for the names, not the boxes.
                if (!name.isEmpty()) {
                  nodes.put(name, label.getRect().getY());
                }
              }
              return nodes.size() >= services ? nodes : null;
            });
  }

  /** Follows the top menu's link of that label, into the tab it opens if it opens one. */
  void followMenu(String label) {
    browser.follow(menu(label));
  }

  private WebElement menu(String label) {
    return browser.driver.findElement(
        By.xpath("//*[contains(@class,'Page--topNav')]//a[normalize-space()='" + label + "']"));
  }

  private WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(browser.driver, timeout);
  }
}
