// The request log: one entry per request the page sent, newest first. An
// entry shows what a newcomer needs to find the request again anywhere:
// status, latency, trace id, a link to Jaeger and, for errors, the problem.
import { el, externalLink, formatMs } from './dom.js';

const MAX_ENTRIES = 100; // keeps a long session light; older requests are still in Jaeger

/**
 * Creates the log in `list` (an <ol>). jaegerUrl(): base URL of the Jaeger UI.
 * onSelect(record): called when an entry is selected (the newest one automatically).
 */
export function createRequestLog(list, { jaegerUrl, onSelect }) {
  function select(entry, record) {
    for (const other of list.querySelectorAll('.is-selected')) {
      other.classList.remove('is-selected');
      other.setAttribute('aria-selected', 'false');
    }
    entry.classList.add('is-selected');
    entry.setAttribute('aria-selected', 'true');
    onSelect(record);
  }

  /** Adds a record on top and selects it, so its trace shows at once. */
  function add(record) {
    const entry = renderEntry(record, jaegerUrl());
    entry.addEventListener('click', (event) => {
      if (!event.target.closest('a')) select(entry, record); // the Jaeger link just opens Jaeger
    });
    entry.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(entry, record);
      }
    });
    list.prepend(entry);
    while (list.children.length > MAX_ENTRIES) list.lastElementChild.remove();
    select(entry, record);
  }

  return { add };
}

function renderEntry(record, jaegerBase) {
  return el('li', {
    'data-testid': 'request-entry', class: `entry ${record.ok ? 'is-ok' : 'is-error'}`,
    tabindex: '0', role: 'option', 'aria-selected': 'false',
  },
  el('div', { class: 'entry-line' },
    el('span', { class: 'entry-method', text: record.method }),
    el('span', { class: 'entry-path', text: record.path }),
    el('span', { class: `entry-status ${statusClass(record.status)}`, 'data-testid': 'request-status',
      title: record.status ? `HTTP ${record.status}` : 'no HTTP answer', text: String(record.status) }),
    el('span', { class: 'entry-latency', text: formatMs(record.latencyMs) })),
  el('div', { class: 'entry-line entry-meta' },
    el('span', { class: 'entry-scenario', text: record.scenario ? `scenario: ${record.scenario}` : 'manual' }),
    record.summary ? el('span', { class: 'entry-summary', text: record.summary }) : null),
  renderTraceLine(record.traceId, jaegerBase),
  record.problem ? renderProblem(record.problem) : null);
}

function renderTraceLine(traceId, jaegerBase) {
  if (!traceId) {
    return el('div', { class: 'entry-line entry-trace', text: 'no trace id: the request got no answer with a traceresponse header' });
  }
  return el('div', { class: 'entry-line entry-trace' },
    el('span', { class: 'muted', text: 'trace ' }),
    el('code', { 'data-testid': 'trace-id', text: traceId }),
    externalLink(`${jaegerBase}/trace/${traceId}`, 'Open in Jaeger ↗'));
}

function renderProblem(problem) {
  return el('div', { class: 'entry-problem' },
    el('strong', { text: problem.title }),
    problem.detail ? ` — ${problem.detail}` : null);
}

function statusClass(status) {
  if (status >= 200 && status < 400) return 'status-ok';
  if (status >= 400 && status < 500) return 'status-client';
  return 'status-server'; // 5xx, or 0 when there was no answer
}
