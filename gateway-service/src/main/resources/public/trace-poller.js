// Fetches a trace from Jaeger through the gateway (/demo/traces/{id} passes
// Jaeger's query API answer through). Services export spans in batches a
// little after answering, so the trace is 404 at first and then grows: poll
// until it appears, then a few more times until the span count settles.

const POLL_MS = 500;        // between polls while Jaeger does not have the trace
const GIVE_UP_MS = 15_000;  // then we say so (unless the caller chooses another time)
const SETTLE_MS = 600;      // between polls after the first answer
const SETTLE_STABLE = 2;    // unchanged answers in a row that count as "complete"
const SETTLE_MAX = 10;      // polls after the first answer, at most

/**
 * Polls for a trace. onTrace(trace, complete) is called with Jaeger's trace
 * object ({traceID, spans, processes}) whenever more spans arrived, and once
 * more with complete = true at the end. Gives up after giveUpMs without the
 * trace. Resolves to {found, lastAnswer, absent, waitedMs}: absent = Jaeger's
 * last answer was that it has no such trace (not an error on the way to it).
 * Rejects with an AbortError when `signal` aborts (another entry was selected).
 */
export async function pollTrace(traceId, { signal, onTrace, giveUpMs = GIVE_UP_MS }) {
  const deadline = performance.now() + giveUpMs;
  let answer = await fetchTrace(traceId, signal);
  while (!answer.trace) {
    if (performance.now() + POLL_MS > deadline) {
      return { found: false, lastAnswer: answer.note, absent: Boolean(answer.absent), waitedMs: giveUpMs };
    }
    await sleep(POLL_MS, signal);
    answer = await fetchTrace(traceId, signal);
  }
  onTrace(answer.trace, false);
  const complete = await waitUntilSettled(traceId, answer.trace, { signal, onTrace });
  onTrace(complete, true);
  return { found: true, lastAnswer: 'ok' };
}

/** Polls again until the span count stops growing; returns the fullest trace seen. */
async function waitUntilSettled(traceId, first, { signal, onTrace }) {
  let best = first;
  let stable = 0;
  for (let i = 0; i < SETTLE_MAX && stable < SETTLE_STABLE; i++) {
    await sleep(SETTLE_MS, signal);
    const { trace } = await fetchTrace(traceId, signal);
    if (trace && trace.spans.length > best.spans.length) {
      best = trace;
      stable = 0;
      onTrace(best, false);
    } else {
      stable++;
    }
  }
  return best;
}

/**
 * One poll: {trace} when Jaeger has spans for it, else {note} saying what came
 * back, with absent = true when Jaeger answered that it has none (404, or no spans).
 */
async function fetchTrace(traceId, signal) {
  try {
    const response = await fetch(`/demo/traces/${encodeURIComponent(traceId)}`,
      { signal, headers: { Accept: 'application/json' } });
    if (!response.ok) return { note: `HTTP ${response.status}`, absent: response.status === 404 };
    const body = await response.json();
    const trace = Array.isArray(body?.data) ? body.data[0] : null;
    if (!trace || !Array.isArray(trace.spans) || trace.spans.length === 0) return { note: 'no spans yet', absent: true };
    return { trace };
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return { note: String(error.message || error) }; // network error or invalid JSON: try again
  }
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(abortError()); }, { once: true });
  });
}

function abortError() {
  return new DOMException('trace polling cancelled', 'AbortError');
}
