package dev.traced.telemetry;

import io.opentelemetry.api.OpenTelemetry;

/**
 * Whether this module's instrumenters record their HTTP metrics.
 *
 * <p>With {@code OTEL_METRICS_EXPORTER=none}, the default here, the SDK hands out no-op meters. An
 * {@code Instrumenter} with HTTP metrics would still merge and sort each span's attributes for
 * them, on every request, only to pass them to a no-op histogram; that was a quarter of a SERVER
 * span's cost. The instrumenters add the metrics only when they would be recorded, so a metrics
 * exporter set in the environment brings them back as they were.
 */
public final class OperationMetrics {

  /** The probe instrument; it never records, so no reader exports it. */
  private static final String PROBE = "dev.traced.telemetry.metrics.probe";

  private OperationMetrics() {}

  /** Whether meters of {@code instrumentationName} from {@code openTelemetry} record anything. */
  public static boolean recorded(OpenTelemetry openTelemetry, String instrumentationName) {
    return openTelemetry
        .getMeterProvider()
        .get(instrumentationName)
        .histogramBuilder(PROBE)
        .build()
        .isEnabled();
  }
}
