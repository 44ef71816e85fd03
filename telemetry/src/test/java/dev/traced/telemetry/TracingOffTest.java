package dev.traced.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.telemetry.http.JavaHttpClientTelemetry;
import dev.traced.telemetry.javalin.TracingPlugin;
import dev.traced.telemetry.jdbc.TracedDataSource;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenTelemetry#noop()} switches the project's tracing off, for a process that the
 * OpenTelemetry Java agent instruments: nothing of ours may stand in the request path, or it would
 * hide the agent's spans from the code below it.
 */
class TracingOffTest {

  @Test
  void thePluginLeavesTheRequestContextAlone() throws Exception {
    Javalin app =
        Javalin.create(
                config -> {
                  config.registerPlugin(
                      new TracingPlugin(
                          tracing -> {
                            tracing.openTelemetry = OpenTelemetry.noop();
                            tracing.traceResponseHeader = true;
                            tracing.baggageFromHeaders = Map.of("Tenant", "tenant.id");
                          }));
                  config.routes.get(
                      "/context",
                      ctx -> ctx.result(String.valueOf(Context.current() == Context.root())));
                })
            .start("127.0.0.1", 0);
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/context"))
                      .header(
                          "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                      .header("Tenant", "acme")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.body())
          .as("the handler runs in the untouched root context")
          .isEqualTo("true");
      assertThat(response.headers().firstValue("traceresponse")).isEmpty();
    } finally {
      app.stop();
    }
  }

  @Test
  void theClientAndTheDataSourceAreReturnedAsTheyAre() {
    HttpClient client = HttpClient.newHttpClient();
    // Never called: only its identity matters.
    DataSource dataSource =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException(method.getName());
                });

    assertThat(JavaHttpClientTelemetry.create(OpenTelemetry.noop()).newHttpClient(client))
        .isSameAs(client);
    assertThat(TracedDataSource.wrap(OpenTelemetry.noop(), dataSource)).isSameAs(dataSource);
  }
}
