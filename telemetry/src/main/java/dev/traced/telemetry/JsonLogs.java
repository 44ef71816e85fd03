package dev.traced.telemetry;

import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.OpenTelemetry;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The process-wide side of the JSON logs configured in {@code logback.xml}.
 *
 * <p>Trace ids need no code here: the OpenTelemetry MDC appender adds {@code trace_id}, {@code
 * span_id}, {@code trace_flags} and baggage to each event from the context current on the logging
 * thread. The fully qualified appender name below tells it apart from that one.
 */
public final class JsonLogs {

  /** The field that names the service in every JSON log line: {@value}. */
  public static final String SERVICE_NAME_FIELD = "service.name";

  private JsonLogs() {}

  /**
   * Connects logback's OpenTelemetry appender (the {@code SPAN_EVENTS} appender of {@code
   * logback.xml}) to {@code openTelemetry}, whose logs SDK puts the lines on spans.
   */
  public static void sendToSpans(OpenTelemetry openTelemetry) {
    io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender.install(
        openTelemetry);
  }

  /**
   * Sends {@code java.util.logging} records to logback. The OpenTelemetry SDK logs through it (for
   * example "Failed to export spans" while Jaeger is down); without the bridge those lines would
   * reach stderr as plain text and break the one-JSON-object-per-line output.
   */
  public static void routeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** Adds {@code service.name} to every line logged from now on (a logback context property). */
  public static void setServiceName(String serviceName) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.putProperty(SERVICE_NAME_FIELD, serviceName);
    }
  }
}
