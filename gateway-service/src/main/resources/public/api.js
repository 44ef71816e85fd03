// The only place that calls the gateway's /api routes. Every call resolves
// (never throws) to a "request record" for the request log, so a failed
// request is always a readable entry with its trace id, never an exception.

// traceresponse: 00-<32 hex trace id>-<16 hex span id>-<2 hex flags> (W3C Trace Context Level 2)
const TRACERESPONSE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/i;

/** The trace id of a traceresponse header value, or null when it is missing or malformed. */
export function traceIdFromHeader(value) {
  const match = TRACERESPONSE.exec((value || '').trim());
  return match ? match[2].toLowerCase() : null;
}

/**
 * Sends one request and measures it.
 * options: method, path, body (JSON-encoded if given), token (Bearer),
 * scenario (label for the log), demoScenario (sent as Demo-Scenario, which the
 * gateway turns into baggage), idempotent (adds a fresh Idempotency-Key).
 */
export async function callApi({ method, path, body, token, scenario, demoScenario, idempotent }) {
  const record = { method, path, scenario: scenario || '', status: 0, ok: false,
    latencyMs: 0, traceId: null, data: null, problem: null, summary: '' };
  const started = performance.now();
  try {
    const response = await fetch(path, {
      method,
      headers: requestHeaders({ body, token, demoScenario, idempotent }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await readBody(response);
    record.latencyMs = performance.now() - started;
    record.status = response.status;
    record.ok = response.ok;
    record.data = data;
    // The problem body carries the trace id too: a fallback if a proxy dropped the header.
    record.traceId = traceIdFromHeader(response.headers.get('traceresponse'))
      || traceIdFromProblem(data);
    if (!response.ok) record.problem = problemOf(response, data);
  } catch (error) {
    // No HTTP answer at all (gateway down, connection reset): there is no trace id to show.
    record.latencyMs = performance.now() - started;
    record.problem = { title: 'No answer from the gateway', detail: String(error?.message || error) };
  }
  return record;
}

function requestHeaders({ body, token, demoScenario, idempotent }) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (idempotent) headers['Idempotency-Key'] = newUuid();
  if (demoScenario) headers['Demo-Scenario'] = demoScenario;
  return headers;
}

/** Parses JSON when the body is JSON, keeps plain text otherwise (e.g. an HTML error page). */
async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

function traceIdFromProblem(data) {
  const id = data && typeof data.traceId === 'string' ? data.traceId.toLowerCase() : '';
  return /^[0-9a-f]{32}$/.test(id) ? id : null;
}

/** title and detail of an application/problem+json body, or a stand-in built from the status. */
function problemOf(response, data) {
  const title = typeof data?.title === 'string' ? data.title : response.statusText || `HTTP ${response.status}`;
  let detail = typeof data?.detail === 'string' ? data.detail : '';
  if (!detail && typeof data?.text === 'string') detail = data.text.slice(0, 300);
  return { title, detail };
}

/**
 * crypto.randomUUID exists only in secure contexts (https, localhost); the
 * gateway may be opened over plain http by host name, so fall back to
 * getRandomValues, which exists everywhere.
 */
function newUuid() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
