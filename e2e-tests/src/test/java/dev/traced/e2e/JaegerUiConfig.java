package dev.traced.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * jaeger/ui-config.json with its links to the demo page pointing at a test's gateway, which listens
 * on a free port, not on the published {@value #PUBLISHED_DEMO_PAGE}.
 */
final class JaegerUiConfig {

  /** Where the shipped config sends the UI's links: the gateway as compose publishes it. */
  static final String PUBLISHED_DEMO_PAGE = "http://localhost:8080";

  private JaegerUiConfig() {}

  /** Writes the config, links to {@code demoPage}, as {@code dir}/ui-config.json. */
  static Path linkingTo(URI demoPage, Path dir) {
    try {
      String shipped = Files.readString(RepoFiles.jaegerUiConfig());
      String origin = demoPage.getScheme() + "://" + demoPage.getAuthority();
      Files.createDirectories(dir);
      return Files.writeString(
          dir.resolve("ui-config.json"), shipped.replace(PUBLISHED_DEMO_PAGE, origin));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
