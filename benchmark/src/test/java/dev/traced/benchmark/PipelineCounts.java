package dev.traced.benchmark;

import dev.traced.e2e.ScalePipeline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The span counters of the scale-out pipeline's Jaegers, summed per tier, read from their own
 * Prometheus metrics (jaeger/telemetry-metrics.yaml); a phase's figures are the difference of two
 * readings.
 *
 * @param collectorAccepted spans the collectors' OTLP receivers accepted
 * @param collectorDropped spans the collectors refused or could not queue or send to Kafka
 * @param ingesterAccepted spans the ingesters' Kafka receivers handed on to the tail sampler
 * @param replicaAccepted the same for the ingesters' replicas, which read every span again
 * @param ingesterRefused spans the ingesters' pipelines refused (memory limit), read and lost
 * @param tracesReceived traces the tail samplers began to hold
 * @param tracesDecided traces the tail samplers decided on
 * @param tracesKept traces the tail samplers kept
 * @param spansStored spans the ingesters wrote to the storage node
 */
record PipelineCounts(
    long collectorAccepted,
    long collectorDropped,
    long ingesterAccepted,
    long replicaAccepted,
    long ingesterRefused,
    long tracesReceived,
    long tracesDecided,
    long tracesKept,
    long spansStored) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static PipelineCounts read(ScalePipeline pipeline) {
    List<URI> collectors = pipeline.metricsUrls("collector");
    List<URI> ingesters = pipeline.metricsUrls("ingester");
    List<String> collectorText = collectors.stream().map(PipelineCounts::scrape).toList();
    List<String> ingesterText = ingesters.stream().map(PipelineCounts::scrape).toList();
    List<String> replicaText =
        pipeline.metricsUrls("replica").stream().map(PipelineCounts::scrape).toList();
    return new PipelineCounts(
        sum(collectorText, "otelcol_receiver_accepted_spans_total"),
        sum(collectorText, "otelcol_receiver_refused_spans_total")
            + sum(collectorText, "otelcol_exporter_enqueue_failed_spans_total")
            + sum(collectorText, "otelcol_exporter_send_failed_spans_total"),
        sum(ingesterText, "otelcol_receiver_accepted_spans_total"),
        sum(replicaText, "otelcol_receiver_accepted_spans_total"),
        sum(ingesterText, "otelcol_receiver_refused_spans_total")
            + sum(replicaText, "otelcol_receiver_refused_spans_total"),
        sum(ingesterText, "otelcol_processor_tail_sampling_new_trace_id_received_total"),
        sum(ingesterText, "otelcol_processor_tail_sampling_global_count_traces_sampled_total"),
        sum(
            ingesterText,
            "otelcol_processor_tail_sampling_global_count_traces_sampled_total",
            "sampled=\"true\""),
        sum(ingesterText, "otelcol_exporter_sent_spans_total"));
  }

  /** What happened between {@code before} and this reading. */
  PipelineCounts since(PipelineCounts before) {
    return new PipelineCounts(
        collectorAccepted - before.collectorAccepted,
        collectorDropped - before.collectorDropped,
        ingesterAccepted - before.ingesterAccepted,
        replicaAccepted - before.replicaAccepted,
        ingesterRefused - before.ingesterRefused,
        tracesReceived - before.tracesReceived,
        tracesDecided - before.tracesDecided,
        tracesKept - before.tracesKept,
        spansStored - before.spansStored);
  }

  /**
   * Spans the collectors took that the ingesters' receivers, or their replicas', did not hand on:
   * lost before sampling.
   */
  long lostBeforeSampling() {
    return collectorAccepted - Math.min(ingesterAccepted, replicaAccepted);
  }

  /**
   * The sum of {@code metric} over the samples of every text whose labels include {@code label}
   * (any, if none). A counter not yet counting is not served at all, so it sums to 0.
   */
  private static long sum(List<String> texts, String metric, String... label) {
    double sum = 0;
    for (String text : texts) {
      for (String line : text.split("\n")) {
        if ((line.startsWith(metric + "{") || line.startsWith(metric + " "))
            && (label.length == 0 || line.contains(label[0]))) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return Math.round(sum);
  }

  private static String scrape(URI endpoint) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(endpoint + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("no metrics at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
