package dev.traced.order;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One server per test class, with an empty orders table before each test. Stopping a server that a
 * client still holds a keep-alive connection to drains for about a second, so starting one per test
 * would make the suite slow.
 */
abstract class SharedServiceTest {

  static TestService service;

  @BeforeAll
  static void startService() {
    service = TestService.start();
  }

  @AfterAll
  static void stopService() throws Exception {
    service.close();
  }

  @BeforeEach
  void emptyTable() throws Exception {
    service.deleteAllOrders();
  }
}
