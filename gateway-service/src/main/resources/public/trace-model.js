// Turns Jaeger's trace JSON into what the waterfall draws: spans in tree
// order (depth-first from the root, children by start time) with their
// depth, service, kind, error state, tags and log lines. No DOM here.

/**
 * @param trace Jaeger's trace: {traceID, spans:[...], processes:{id:{serviceName}}}
 * @returns {{traceId, startUs, durationUs, services: string[], rows: object[]}}
 */
export function buildTraceModel(trace) {
  const spans = trace.spans.map((span) => toSpan(span, trace.processes || {}));
  const startUs = Math.min(...spans.map((s) => s.startUs));
  const endUs = Math.max(...spans.map((s) => s.startUs + s.durationUs));
  const rows = treeOrder(spans);
  return {
    traceId: trace.traceID || spans[0]?.traceId || '',
    startUs,
    durationUs: Math.max(endUs - startUs, 1), // avoids dividing by zero for a single empty span
    services: [...new Set(rows.map((row) => row.span.service))],
    rows,
  };
}

function toSpan(span, processes) {
  const tags = tagMap(span.tags);
  const parent = (span.references || []).find((ref) => ref.refType === 'CHILD_OF' || ref.refType === 'FOLLOWS_FROM');
  return {
    id: span.spanID,
    traceId: span.traceID,
    parentId: parent ? parent.spanID : null,
    name: span.operationName || '(unnamed)',
    service: processes[span.processID]?.serviceName || 'unknown-service',
    kind: String(tags['span.kind'] || 'internal'),
    error: tags.error === true || tags.error === 'true' || tags['otel.status_code'] === 'ERROR',
    errorType: tags['error.type'] ?? null,
    startUs: Number(span.startTime) || 0,
    durationUs: Number(span.duration) || 0,
    tags,
    logs: (span.logs || []).map(toLogLine).sort((a, b) => a.timestampUs - b.timestampUs),
  };
}

/** [{key, value}] → {key: value}; Jaeger sends tags and log fields this way. */
function tagMap(list) {
  const map = {};
  for (const { key, value } of list || []) map[key] = value;
  return map;
}

const LEVEL_KEYS = ['log.severity', 'level', 'severity', 'log.level'];

/** A span log: the message is the "event" field, a level may be in one of LEVEL_KEYS; the rest is extra. */
function toLogLine(log) {
  const fields = tagMap(log.fields);
  const levelKey = LEVEL_KEYS.find((key) => key in fields);
  const extra = Object.entries(fields).filter(([key]) => key !== 'event' && key !== levelKey);
  return {
    timestampUs: Number(log.timestamp) || 0,
    message: fields.event !== undefined ? String(fields.event) : '(no message)',
    level: levelKey ? String(fields[levelKey]) : '',
    extra,
  };
}

/**
 * Depth-first from the roots, children by start time. A span whose parent is
 * not in the trace (not exported yet, or from an outside caller) is a root.
 */
function treeOrder(spans) {
  const byId = new Map(spans.map((span) => [span.id, span]));
  const children = new Map();
  const roots = [];
  for (const span of spans) {
    if (span.parentId && byId.has(span.parentId) && span.parentId !== span.id) {
      if (!children.has(span.parentId)) children.set(span.parentId, []);
      children.get(span.parentId).push(span);
    } else {
      roots.push(span);
    }
  }
  const byStart = (a, b) => a.startUs - b.startUs;
  const rows = [];
  const visited = new Set(); // guards against a malformed trace with a reference cycle
  const visit = (span, depth) => {
    if (visited.has(span.id)) return;
    visited.add(span.id);
    rows.push({ span, depth });
    for (const child of (children.get(span.id) || []).sort(byStart)) visit(child, depth + 1);
  };
  roots.sort(byStart).forEach((root) => visit(root, 0));
  spans.filter((span) => !visited.has(span.id)).sort(byStart).forEach((span) => visit(span, 0));
  return rows;
}
