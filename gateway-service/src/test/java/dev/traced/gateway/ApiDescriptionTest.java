package dev.traced.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.kit.Env;
import dev.traced.kit.RunningService;
import dev.traced.kit.RunningService.Route;
import dev.traced.telemetry.testing.InMemoryTelemetry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.links.Link;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description that the gateway serves, held to the routes the running gateway declared,
 * both ways: a route added without an entry in {@code openapi.json} fails here, and so does an
 * entry for a route that is gone. The document must be OpenAPI 3.1 as swagger-parser reads it.
 */
class ApiDescriptionTest {

  /** The gateway's routes that are not part of the public API, each with the reason. */
  private static final Map<Route, String> NOT_DESCRIBED =
      Map.of(
          new Route("GET", "/health"), "the liveness probe of the platform, not of API clients",
          new Route("GET", GatewayRoutes.DESCRIPTION_PATH), "the description itself",
          new Route("GET", "/demo/config"), "the demo page's own settings",
          new Route("GET", "/demo/traces/{traceId}"), "the demo page's window on Jaeger");

  private final InMemoryTelemetry telemetry = InMemoryTelemetry.create("gateway-service");
  private final HttpClient http = HttpClient.newHttpClient();
  private RunningService gateway;
  private HttpResponse<String> served;
  private SwaggerParseResult parsed;

  @BeforeEach
  void startAndRead() throws Exception {
    // Nothing behind it: the test reads what the gateway serves and declares, and calls no route.
    gateway =
        GatewayServer.start(
            GatewayConfig.from(Env.of(Map.of("HOST", "127.0.0.1", "PORT", "0"))), telemetry.sdk());
    served =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + gateway.port() + GatewayRoutes.DESCRIPTION_PATH))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
  }

  @AfterEach
  void stop() {
    gateway.close();
    telemetry.close();
  }

  @Test
  void isServedAsJson() {
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void isValidOpenApi31() {
    assertThat(parsed.getMessages()).as("what swagger-parser objects to").isEmpty();
    assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
  }

  @Test
  void describesEveryRouteOfThePublicApiAndNoOther() {
    Set<Route> declared =
        gateway.routes().stream()
            .filter(route -> !NOT_DESCRIBED.containsKey(route))
            .collect(Collectors.toSet());

    assertThat(operations(parsed.getOpenAPI()))
        .as("operations of %s against the routes the gateway declared", served.uri())
        .containsExactlyInAnyOrderElementsOf(declared);
    // The list above stays true: each route it leaves out is still declared.
    assertThat(gateway.routes()).containsAll(NOT_DESCRIBED.keySet());
  }

  @Test
  void linksLeadToOperationsThatExist() {
    OpenAPI api = parsed.getOpenAPI();
    Set<String> operationIds =
        api.getPaths().values().stream()
            .flatMap(path -> path.readOperations().stream())
            .map(operation -> operation.getOperationId())
            .collect(Collectors.toSet());
    Set<String> linkTargets =
        api.getPaths().values().stream()
            .flatMap(path -> path.readOperations().stream())
            .flatMap(operation -> operation.getResponses().values().stream())
            .map(ApiResponse::getLinks)
            .filter(links -> links != null)
            .flatMap(links -> links.values().stream())
            .map(link -> resolve(api, link).getOperationId())
            .collect(Collectors.toSet());

    assertThat(linkTargets).containsExactlyInAnyOrder("createOrder", "listOrders", "getOrder");
    assertThat(operationIds).containsAll(linkTargets);
  }

  /** The link itself, or the one in {@code components} that it refers to. */
  private static Link resolve(OpenAPI api, Link link) {
    if (link.get$ref() == null) {
      return link;
    }
    String name = link.get$ref().substring(link.get$ref().lastIndexOf('/') + 1);
    return api.getComponents().getLinks().get(name);
  }

  private static Set<Route> operations(OpenAPI api) {
    return api.getPaths().entrySet().stream()
        .flatMap(
            path ->
                path.getValue().readOperationsMap().keySet().stream()
                    .map(method -> new Route(method.name(), path.getKey())))
        .collect(Collectors.toSet());
  }
}
