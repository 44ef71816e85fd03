// The right column: shows the trace of the selected request. Selecting
// another request cancels the polling of the previous one, so a slow trace
// can never overwrite the waterfall of a newer selection.
//
// Under tail sampling (see /demo/config) a trace reaches Jaeger only once the
// sampler has decided to keep it, a few seconds after the request, and most
// ordinary traces never do: the view waits for the decision, then says so.
import { pollTrace } from './trace-poller.js';
import { buildTraceModel } from './trace-model.js';
import { showLoading, showNotFound, showTrace } from './waterfall.js';

// After the sampler's decision wait: the spans' way to the sampler (the services'
// and the collectors' batches, Kafka), the kept trace's way to storage, and room
// for a busy pipeline.
const DECISION_MARGIN_MS = 10_000;

/**
 * container: the waterfall element; jaegerUrl(): base URL of the Jaeger UI;
 * tailSampling(): {decisionWaitMs, keeps} of the tail sampler, or null when
 * Jaeger gets every trace.
 */
export function createTraceView(container, { jaegerUrl, tailSampling }) {
  const complete = new Map(); // traceId → Jaeger trace, once settled: reselecting shows it at once
  let polling = null;

  /** Shows the trace of a request record (see api.js), or of {traceId, caption}. */
  async function show(record) {
    polling?.abort();
    const caption = record.caption || `${record.method} ${record.path} → ${record.status || 'no answer'}`;
    if (!record.traceId) {
      showNotFound(container, 'This request has no trace id (no traceresponse header came back), so there is no trace to show.', caption);
      return;
    }
    const draw = (trace, done) => showTrace(container, buildTraceModel(trace),
      { jaegerBase: jaegerUrl(), caption, complete: done });
    if (complete.has(record.traceId)) {
      draw(complete.get(record.traceId), true);
      return;
    }
    const controller = new AbortController();
    polling = controller;
    const sampler = tailSampling();
    const giveUpMs = sampler ? sampler.decisionWaitMs + DECISION_MARGIN_MS : undefined;
    showLoading(container, record.traceId, caption, sampler ? decisionPending(sampler) : undefined);
    try {
      let latest = null;
      const result = await pollTrace(record.traceId, {
        signal: controller.signal,
        giveUpMs,
        onTrace: (trace, done) => { latest = trace; draw(trace, done); },
      });
      if (result.found) {
        complete.set(record.traceId, latest);
      } else if (sampler && result.absent) {
        showNotFound(container, sampledOutMessage(record.traceId, sampler), caption, 'sampled-out');
      } else {
        showNotFound(container, notFoundMessage(record.traceId, result), caption);
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        showNotFound(container, `Could not show trace ${record.traceId}: ${error.message || error}`, caption);
      }
    }
  }

  return { show };
}

function decisionPending({ decisionWaitMs }) {
  return `The tail sampler decides ${seconds(decisionWaitMs)} after a trace’s first span whether to keep it. ` +
    'Waiting for its decision on trace';
}

function sampledOutMessage(traceId, { keeps }) {
  return `Trace ${traceId} was sampled out: the tail sampler did not keep it, so Jaeger will not have it. ` +
    `The pipeline keeps ${keeps}. Every scenario on the left but the happy path fails, is slow or ` +
    'sends demo.scenario: run one to see a kept trace. The trace id still finds the request’s log ' +
    'lines in every service.';
}

function notFoundMessage(traceId, { lastAnswer, waitedMs }) {
  return `Jaeger did not return trace ${traceId} within ${seconds(waitedMs)} (last answer: ${lastAnswer}). ` +
    'The services may not export to Jaeger, or Jaeger may not be running; the trace id still finds ' +
    'the request’s log lines in every service.';
}

function seconds(ms) {
  return `${Math.round(ms / 1000)} s`;
}
