package dev.traced.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real Toxiproxy server, built by scripts/install-toxiproxy.sh, listening on loopback only and
 * driven through its REST API: proxies in front of each hop, toxics that break them on purpose.
 */
final class Toxiproxy implements AutoCloseable {

  /** The release that scripts/install-toxiproxy.sh builds: {@value}. */
  static final String VERSION = "2.5.0";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final ManagedProcess process;
  private final URI api;

  private Toxiproxy(ManagedProcess process, URI api) {
    this.process = process;
    this.api = api;
  }

  /** The binary to run: {@code TOXIPROXY_BIN}, or the build that the install script caches. */
  static Optional<Path> locate(Map<String, String> env) {
    return CachedBuilds.locate(env, "TOXIPROXY_BIN", "toxiproxy-" + VERSION, "toxiproxy-server");
  }

  /** Starts {@code binary} with its API on a free loopback port; output to toxiproxy.log. */
  static Toxiproxy start(Path binary, Path workDir) {
    int port = FreePorts.next();
    ManagedProcess process =
        ManagedProcess.start(
            "toxiproxy",
            List.of(binary.toString(), "-host", "127.0.0.1", "-port", String.valueOf(port)),
            Map.of(),
            workDir.resolve("toxiproxy.log"));
    URI api = URI.create("http://127.0.0.1:" + port);
    try {
      HealthCheck.await(
          "toxiproxy", api.resolve("/version"), Duration.ofSeconds(10), process::isAlive);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new Toxiproxy(process, api);
  }

  /**
   * A proxy called {@code name} on a free loopback port that forwards to {@code upstream} ({@code
   * host:port}); returns the port callers use instead.
   */
  int proxy(String name, String upstream) {
    int port = FreePorts.next();
    Map<String, Object> proxy = new LinkedHashMap<>();
    proxy.put("name", name);
    proxy.put("listen", "127.0.0.1:" + port);
    proxy.put("upstream", upstream);
    proxy.put("enabled", true);
    post("/proxies", proxy, 201);
    return port;
  }

  /** Adds {@code toxic} to the proxy {@code name}: every connection through it, open or new. */
  void add(String name, Toxic toxic) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", toxic.type());
    body.put("type", toxic.type());
    body.put("stream", toxic.stream());
    body.put("toxicity", 1.0);
    body.put("attributes", toxic.attributes());
    post("/proxies/" + name + "/toxics", body, 200);
  }

  /** Removes every toxic of every proxy: the network is healthy again. */
  void reset() {
    post("/reset", Map.of(), 204);
  }

  private void post(String path, Object body, int expectedStatus) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(api.resolve(path))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            "toxiproxy " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("toxiproxy API unreachable at " + api, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }

  /**
   * One of Toxiproxy's toxics.
   *
   * @param type the toxic's type ({@code latency}, {@code timeout}, ...), also its name here
   * @param stream {@code downstream} (answers) or {@code upstream} (requests)
   * @param attributes the type's settings, as its documentation names them
   */
  record Toxic(String type, String stream, Map<String, Object> attributes) {

    /** {@code type} on the answers' direction, the one that loses a stored order's answer. */
    static Toxic downstream(String type, Map<String, Object> attributes) {
      return new Toxic(type, "downstream", attributes);
    }

    @Override
    public String toString() {
      return type + " " + attributes;
    }
  }
}
