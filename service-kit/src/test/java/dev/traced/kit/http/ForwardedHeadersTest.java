package dev.traced.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.RawHttp;
import io.javalin.Javalin;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A header to pass on is read as it arrived, or refused when it could not pass on unchanged. */
class ForwardedHeadersTest {

  private Javalin app;

  @BeforeEach
  void start() {
    app =
        Javalin.create(
                config -> {
                  config.registerPlugin(new ProblemResponses());
                  config.startup.showJavalinBanner = false;
                  config.routes.get(
                      "/key",
                      ctx ->
                          ctx.result(
                              String.valueOf(ForwardedHeaders.value(ctx, "Idempotency-Key"))));
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"order-1", "a b\tc", "!~{}\"'"})
  void passesVisibleAsciiSpaceAndTab(String key) throws Exception {
    RawHttp.Reply reply = get(RawHttp.lines("Idempotency-Key", key));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo(key);
  }

  @Test
  void aMissingHeaderIsNull() throws Exception {
    assertThat(get(List.of()).body()).isEqualTo("null");
  }

  /** Bytes as ISO-8859-1 reads them: "×ø" would arrive at the next service as "??". */
  @ParameterizedTest
  @ValueSource(strings = {"\u00d7\u00f8", "caf\u00e9", "key\u009b"})
  void refusesWhatWouldArriveChanged(String key) throws Exception {
    RawHttp.Reply reply = get(RawHttp.lines("Idempotency-Key", key));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.headers().get("content-type")).startsWith(Problem.CONTENT_TYPE);
    assertThat(reply.body()).contains("Idempotency-Key must be visible ASCII characters");
  }

  private RawHttp.Reply get(List<RawHttp.Line> lines) throws Exception {
    return RawHttp.get(app.port(), "/key", lines);
  }
}
