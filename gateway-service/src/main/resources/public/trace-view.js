// The right column: shows the trace of the selected request. Selecting
// another request cancels the polling of the previous one, so a slow trace
// can never overwrite the waterfall of a newer selection.
import { pollTrace } from './trace-poller.js';
import { buildTraceModel } from './trace-model.js';
import { showLoading, showNotFound, showTrace } from './waterfall.js';

/** container: the waterfall element; jaegerUrl(): base URL of the Jaeger UI. */
export function createTraceView(container, { jaegerUrl }) {
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
    showLoading(container, record.traceId, caption);
    try {
      let latest = null;
      const result = await pollTrace(record.traceId, {
        signal: controller.signal,
        onTrace: (trace, done) => { latest = trace; draw(trace, done); },
      });
      if (result.found) complete.set(record.traceId, latest);
      else showNotFound(container, notFoundMessage(record.traceId, result.lastAnswer), caption);
    } catch (error) {
      if (error.name !== 'AbortError') {
        showNotFound(container, `Could not show trace ${record.traceId}: ${error.message || error}`, caption);
      }
    }
  }

  return { show };
}

function notFoundMessage(traceId, lastAnswer) {
  return `Jaeger did not return trace ${traceId} within 15 seconds (last answer: ${lastAnswer}). ` +
    'The services may not export to Jaeger, or Jaeger may not be running; the trace id still finds ' +
    'the request’s log lines in every service.';
}
