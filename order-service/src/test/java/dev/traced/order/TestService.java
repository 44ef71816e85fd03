package dev.traced.order;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.traced.kit.RunningService;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A real order-service for tests: loopback port 0, its own H2 in-memory database, and an SDK that
 * keeps finished spans in memory.
 */
final class TestService implements AutoCloseable {

  /** 63 bytes, so that the same secret can also sign HS384 for the algorithm test. */
  static final String SECRET = "test-identity-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCD";

  static final ObjectMapper JSON = new ObjectMapper();

  final InMemoryTelemetry telemetry = InMemoryTelemetry.create("order-service");
  final OpenTelemetrySdk sdk;
  final RunningService server;
  final String dbUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private TestService() {
    sdk = telemetry.sdk();
    dbUrl = "jdbc:h2:mem:orders-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    server = OrderServer.start(new OrderConfig("127.0.0.1", 0, dbUrl, "sa", "", SECRET), sdk);
  }

  static TestService start() {
    return new TestService();
  }

  /** A valid assertion for {@code user}, as auth-service makes it. */
  static String token(String user) {
    return token(SECRET, JWSAlgorithm.HS256, claims -> claims.subject(user));
  }

  /** An assertion with the standard claims, changed by {@code customize}, signed as given. */
  static String token(
      String secret, JWSAlgorithm algorithm, Consumer<JWTClaimsSet.Builder> customize) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer("auth-service")
            .audience("order-service")
            .subject("alice")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(60)))
            .jwtID(UUID.randomUUID().toString());
    customize.accept(claims);
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String user, String body, String idempotencyKey) throws Exception {
    HttpRequest.Builder request =
        request("/orders")
            .header("Authorization", "Bearer " + token(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request);
  }

  HttpResponse<String> get(String user, String path) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token(user)));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** Rows in the orders table, read beside the service on the same in-memory database. */
  long rowCount() throws SQLException {
    try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
        ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM orders")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Empties the orders table, so that tests sharing one server start from no rows. */
  void deleteAllOrders() throws SQLException {
    try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "")) {
      connection.createStatement().executeUpdate("DELETE FROM orders");
    }
  }

  /**
   * Waits for a finished span matching {@code wanted}: the SERVER span ends only after the response
   * has been written, so it may arrive just after the client has its answer.
   */
  List<SpanData> awaitSpans(Predicate<List<SpanData>> wanted) {
    return await("spans as wanted")
        .atMost(InMemoryTelemetry.DEADLINE)
        .pollInterval(Duration.ofMillis(10))
        .until(telemetry::spans, wanted);
  }

  @Override
  public void close() throws SQLException {
    server.close();
    sdk.close();
    // DB_CLOSE_DELAY=-1 keeps the database after the pool is gone; drop it now.
    try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "")) {
      connection.createStatement().execute("SHUTDOWN");
    }
  }
}
