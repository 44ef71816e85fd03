package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrdersApiTest extends SharedServiceTest {

  private static final String PROBLEM_JSON = "application/problem+json;charset=utf-8";

  @Test
  void createdOrderIsReturnedWith201AndReadableById() throws Exception {
    HttpResponse<String> created =
        service.post("alice", "{\"item\":\"book\",\"quantity\":2}", null);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(created.headers().firstValue("Idempotent-Replayed")).isEmpty();
    JsonNode order = TestService.json(created);
    assertThat(order.size()).isEqualTo(5);
    assertThat(order.get("id").isIntegralNumber()).isTrue();
    assertThat(order.get("userId").asText()).isEqualTo("alice");
    assertThat(order.get("item").asText()).isEqualTo("book");
    assertThat(order.get("quantity").asInt()).isEqualTo(2);
    assertThat(Instant.parse(order.get("createdAt").asText()))
        .isBetween(Instant.now().minusSeconds(10), Instant.now());

    HttpResponse<String> read = service.get("alice", "/orders/" + order.get("id").asLong());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(TestService.json(read)).isEqualTo(order);
    assertThat(service.rowCount()).isEqualTo(1);
  }

  @Test
  void retryWithSameKeyReturnsFirstOrderWithoutNewRow() throws Exception {
    String body = "{\"item\":\"book\",\"quantity\":2}";
    HttpResponse<String> first = service.post("alice", body, "key-1");
    HttpResponse<String> retry = service.post("alice", body, "key-1");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(TestService.json(retry)).isEqualTo(TestService.json(first));
    assertThat(service.rowCount()).isEqualTo(1);
  }

  @Test
  void sameKeyForDifferentOrderIsAConflict() throws Exception {
    HttpResponse<String> first = service.post("alice", "{\"item\":\"book\",\"quantity\":2}", "k");
    HttpResponse<String> other = service.post("alice", "{\"item\":\"book\",\"quantity\":3}", "k");

    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    JsonNode problem = TestService.json(other);
    assertThat(problem.get("title").asText()).isEqualTo("Conflict");
    assertThat(problem.get("detail").asText())
        .isEqualTo(
            "Idempotency-Key was already used for a different order (id "
                + TestService.json(first).get("id").asLong()
                + ")");
    assertThat(service.rowCount()).isEqualTo(1);
  }

  @Test
  void sameKeyOfAnotherUserMakesAnotherOrder() throws Exception {
    String body = "{\"item\":\"book\",\"quantity\":2}";
    HttpResponse<String> alice = service.post("alice", body, "shared");
    HttpResponse<String> bob = service.post("bob", body, "shared");

    assertThat(alice.statusCode()).isEqualTo(201);
    assertThat(bob.statusCode()).isEqualTo(201);
    assertThat(TestService.json(bob).get("id")).isNotEqualTo(TestService.json(alice).get("id"));
    assertThat(service.rowCount()).isEqualTo(2);
  }

  @Test
  void concurrentRetriesStoreOneOrder() throws Exception {
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<HttpResponse<String>> call =
            () -> {
              go.await();
              return service.post("alice", "{\"item\":\"book\",\"quantity\":2}", "race");
            };
        calls.add(pool.submit(call));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (Future<HttpResponse<String>> call : calls) {
        HttpResponse<String> response = call.get();
        statuses.add(response.statusCode());
        ids.add(TestService.json(response).get("id").asLong());
      }
      assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
      assertThat(ids).containsOnly(ids.get(0));
      assertThat(service.rowCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listShowsOnlyOwnOrdersNewestFirst() throws Exception {
    long first =
        TestService.json(service.post("alice", "{\"item\":\"a\",\"quantity\":1}", null))
            .get("id")
            .asLong();
    service.post("bob", "{\"item\":\"b\",\"quantity\":1}", null);
    long second =
        TestService.json(service.post("alice", "{\"item\":\"c\",\"quantity\":1}", null))
            .get("id")
            .asLong();

    HttpResponse<String> list = service.get("alice", "/orders");

    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode body = TestService.json(list);
    assertThat(body.size()).isEqualTo(1);
    List<Long> ids = new ArrayList<>();
    body.get("orders").forEach(order -> ids.add(order.get("id").asLong()));
    assertThat(ids).containsExactly(second, first);
    body.get("orders")
        .forEach(order -> assertThat(order.get("userId").asText()).isEqualTo("alice"));
  }

  @Test
  void listIsEmptyForUserWithoutOrders() throws Exception {
    HttpResponse<String> list = service.get("carol", "/orders");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("{\"orders\":[]}");
  }

  @Test
  void orderOfAnotherUserLooksLikeAnUnknownOne() throws Exception {
    long id =
        TestService.json(service.post("bob", "{\"item\":\"b\",\"quantity\":1}", null))
            .get("id")
            .asLong();

    HttpResponse<String> other = service.get("alice", "/orders/" + id);
    HttpResponse<String> unknown = service.get("alice", "/orders/" + (id + 1000));

    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(TestService.json(other).get("detail").asText())
        .isEqualTo("order " + id + " not found");
    assertThat(TestService.json(unknown).get("detail").asText())
        .isEqualTo("order " + (id + 1000) + " not found");
    assertThat(TestService.json(other).get("title").asText()).isEqualTo("Not Found");
  }

  @Test
  void nonNumericIdIsBadRequest() throws Exception {
    HttpResponse<String> response = service.get("alice", "/orders/abc");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(TestService.json(response).get("detail").asText())
        .isEqualTo("order id must be a number");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"item\":",
        "not json",
        "",
        "null",
        "[]",
        "{\"item\":\"book\"}",
        "{\"quantity\":2}",
        "{\"item\":\"book\",\"quantity\":0}",
        "{\"item\":\"book\",\"quantity\":1001}",
        "{\"item\":\"book\",\"quantity\":-1}",
        "{\"item\":\"   \",\"quantity\":1}",
        "{\"item\":\"\",\"quantity\":1}",
        "{\"item\":null,\"quantity\":1}",
        "{\"item\":\"book\",\"quantity\":null}",
        "{\"item\":\"book\",\"quantity\":\"2\"}",
        "{\"item\":\"book\",\"quantity\":2.5}",
        "{\"item\":\"book\",\"quantity\":1e10}",
        "{\"item\":\"book\",\"quantity\":2,\"price\":1}",
        "{\"item\":5,\"quantity\":2}",
        "{\"item\":\"book\",\"quantity\":2} {}",
      })
  void invalidBodyIsBadRequestAndStoresNothing(String body) throws Exception {
    HttpResponse<String> response = service.post("alice", body, null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertBadRequestProblem(response);
    assertThat(service.rowCount()).isZero();
  }

  /** JSON has one kind of number: 2.0 is 2, as JSON Schema's integer says. */
  @ParameterizedTest
  @ValueSource(strings = {"2.0", "2e0", "0.2e1"})
  void wholeNumberWrittenWithAFractionOrExponentIsAQuantity(String quantity) throws Exception {
    HttpResponse<String> created =
        service.post("alice", "{\"item\":\"book\",\"quantity\":" + quantity + "}", null);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(TestService.json(created).get("quantity").asInt()).isEqualTo(2);
  }

  @Test
  void tooLongItemIsBadRequest() throws Exception {
    String item = "x".repeat(NewOrder.MAX_ITEM_LENGTH + 1);
    HttpResponse<String> response =
        service.post("alice", "{\"item\":\"" + item + "\",\"quantity\":1}", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestService.json(response).get("detail").asText())
        .isEqualTo(
            "REQUEST_BODY: item must be 1..200 characters, not blank, "
                + "without control characters or line breaks");
    assertThat(service.rowCount()).isZero();
  }

  /** JSON escapes of what could forge a log line or a terminal's screen, once the JSON is read. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tea\\npot",
        "tea\\r\\npot",
        "tea\\u0000pot",
        "tea\\u001b[2Jpot",
        "tea\\u2028pot",
        "tea\\u0085pot",
        "tea\\tpot",
        "tea\\\"}\\n{\\\"level\\\":\\\"ERROR\\\",\\\"message\\\":\\\"forged\\\"}",
      })
  void itemWithControlCharactersOrLineBreaksIsBadRequest(String escapedItem) throws Exception {
    HttpResponse<String> response =
        service.post("alice", "{\"item\":\"" + escapedItem + "\",\"quantity\":1}", null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertBadRequestProblem(response);
    assertThat(service.rowCount()).isZero();
  }

  /** Not bad input: text that only looks like SQL or JSON is an item name like any other. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "x'); DROP TABLE orders;--",
        "1 OR 1=1",
        "12\\\" pizza, 'large'",
        "\\\"}{\\\"message\\\":\\\"forged\\\"}",
        "thé ☕ 茶",
      })
  void itemThatLooksLikeSqlOrJsonIsStoredVerbatim(String escapedItem) throws Exception {
    String item = new ObjectMapper().readValue("\"" + escapedItem + "\"", String.class);
    HttpResponse<String> created =
        service.post("alice", "{\"item\":\"" + escapedItem + "\",\"quantity\":1}", null);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = TestService.json(created).get("id").asLong();
    assertThat(TestService.json(service.get("alice", "/orders/" + id)).get("item").asText())
        .isEqualTo(item);
    assertThat(service.rowCount()).isEqualTo(1);
  }

  /** The limit counts characters: 200 teacups (two UTF-16 units each) are 200, and are stored. */
  @ParameterizedTest
  @ValueSource(strings = {"x", "\uD83C\uDF75"})
  void longestItemAndLargestQuantityAreAccepted(String character) throws Exception {
    String item = character.repeat(NewOrder.MAX_ITEM_LENGTH);
    HttpResponse<String> response =
        service.post("alice", "{\"item\":\"" + item + "\",\"quantity\":1000}", null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(TestService.json(response).get("item").asText()).isEqualTo(item);
    assertThat(
            service
                .post("alice", "{\"item\":\"" + item + character + "\",\"quantity\":1}", null)
                .statusCode())
        .isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "tab\tinside"})
  void invalidIdempotencyKeyIsBadRequest(String key) throws Exception {
    HttpResponse<String> response = service.post("alice", "{\"item\":\"a\",\"quantity\":1}", key);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestService.json(response).get("detail").asText())
        .isEqualTo("Idempotency-Key must be 1..128 visible ASCII characters");
    assertThat(service.rowCount()).isZero();
  }

  @Test
  void idempotencyKeyLengthIsLimitedTo128() throws Exception {
    String body = "{\"item\":\"a\",\"quantity\":1}";
    assertThat(service.post("alice", body, "k".repeat(129)).statusCode()).isEqualTo(400);
    assertThat(service.post("alice", body, "k".repeat(128)).statusCode()).isEqualTo(201);
  }

  private static void assertBadRequestProblem(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    JsonNode problem = TestService.json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
    assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(problem.get("traceId").asText()).matches("[0-9a-f]{32}");
  }
}
