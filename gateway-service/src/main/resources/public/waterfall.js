// Draws a trace as a waterfall: one row per span in tree order, indented by
// depth, a bar placed and sized relative to the whole trace, the useful tags,
// and under each span the log lines that were written while it was current.
import { el, externalLink, formatMs } from './dom.js';

// One colour per service, so a glance shows where time went. Red is kept for errors.
const SERVICE_COLOURS = { 'gateway-service': '#2563eb', 'auth-service': '#7c3aed', 'order-service': '#0f766e' };
const OTHER_COLOURS = ['#b45309', '#4d7c0f', '#be185d', '#0369a1', '#57534e'];

// The tags a newcomer looks at first, in this order (the first of each group that is present).
const DETAIL_TAGS = [
  ['http.route'], ['http.response.status_code'],
  ['db.statement', 'db.query.text', 'url.full'], ['db.system'],
  ['enduser.id'], ['order.id'], ['error.type'], ['demo.scenario'],
];

/** Shows the waterfall for `model` (see trace-model.js). complete = false while late spans may still come. */
export function showTrace(container, model, { jaegerBase, caption, complete }) {
  const colours = colourMap(model.services);
  const parts = [
    renderHeader(model, jaegerBase, caption),
    renderLegend(model.services, colours),
    complete ? null : el('p', { class: 'muted settling', text: 'Checking Jaeger for spans that are still on their way…' }),
    renderAxis(model.durationUs),
    el('ol', { class: 'spans' }, model.rows.map((row) => renderRow(row, model, colours))),
  ];
  container.replaceChildren(...parts.filter(Boolean));
  container.dataset.state = complete ? 'ready' : 'loading';
}

/** Shows that the trace is being fetched; `waitingFor` says for what, before the trace id. */
export function showLoading(container, traceId, caption, waitingFor = 'Waiting for Jaeger to receive trace') {
  container.replaceChildren(
    el('p', { class: 'trace-caption', text: caption }),
    el('p', { class: 'placeholder' }, `${waitingFor} `, el('code', { text: traceId }), '…'));
  container.dataset.state = 'loading';
}

/**
 * Explains in words why there is no waterfall. state: 'not-found' (shown as
 * an error), or 'sampled-out' when a sampler decided not to keep the trace,
 * which is how the pipeline is meant to work.
 */
export function showNotFound(container, message, caption, state = 'not-found') {
  container.replaceChildren(
    el('p', { class: 'trace-caption', text: caption }),
    el('p', { class: `placeholder ${state}`, role: 'status', text: message }));
  container.dataset.state = state;
}

function colourMap(services) {
  const map = {};
  let next = 0;
  for (const service of services) {
    map[service] = SERVICE_COLOURS[service] || OTHER_COLOURS[next++ % OTHER_COLOURS.length];
  }
  return map;
}

function renderHeader(model, jaegerBase, caption) {
  const errors = model.rows.filter((row) => row.span.error).length;
  return el('div', { class: 'trace-header' },
    el('p', { class: 'trace-caption', text: caption }),
    el('p', { class: 'trace-summary' },
      'Trace ', el('code', { text: model.traceId }),
      ` · ${plural(model.rows.length, 'span')} · ${plural(model.services.length, 'service')} · ${formatMs(model.durationUs / 1000)}`,
      errors ? el('span', { class: 'error-text', text: ` · ${errors} with error` }) : null,
      ' · ', externalLink(`${jaegerBase}/trace/${model.traceId}`, 'Open in Jaeger ↗')));
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function renderLegend(services, colours) {
  return el('ul', { class: 'legend', 'aria-label': 'Services' },
    services.map((service) => el('li', {},
      el('span', { class: 'swatch', style: { background: colours[service] } }), service)),
    el('li', {}, el('span', { class: 'swatch swatch-error' }), 'error'));
}

/** Tick labels at 0, 25, 50, 75 and 100 % of the trace, above the bars. */
function renderAxis(durationUs) {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => el('span', {
    class: 'tick', style: { left: `${fraction * 100}%` }, text: formatMs((durationUs * fraction) / 1000),
  }));
  return el('div', { class: 'span-main axis', 'aria-hidden': 'true' },
    el('span', { class: 'axis-label muted', text: 'span' }), el('div', { class: 'track' }, ticks));
}

function renderRow({ span, depth }, model, colours) {
  const row = el('li', {
    'data-testid': 'span-row', class: 'span-row',
    'data-service': span.service, 'data-kind': span.kind, 'data-error': String(span.error),
  },
  el('div', { class: 'span-main' }, renderLabel(span), renderBar(span, model)),
  renderDetails(span),
  span.logs.length ? renderLogs(span.logs, model.startUs) : null);
  row.style.setProperty('--depth', depth);
  row.style.setProperty('--service', colours[span.service]);
  return row;
}

function renderLabel(span) {
  return el('div', { class: 'span-label', title: `${span.service}: ${span.name}` },
    el('span', { class: 'swatch' }),
    el('span', { class: 'span-name', text: span.name }),
    el('span', { class: 'badge kind', text: span.kind }),
    span.error ? renderErrorBadge(span.errorType) : null);
}

/** "⚠ error: IllegalStateException": the simple class name keeps the row short; the full type is in the tooltip and details. */
function renderErrorBadge(errorType) {
  if (errorType === null || errorType === undefined) return el('span', { class: 'badge error', text: '⚠ error' });
  const type = String(errorType);
  return el('span', { class: 'badge error', title: `error.type=${type}`, text: `⚠ error: ${type.split('.').pop()}` });
}

/** The bar: left = (start - traceStart) / traceDuration, width = duration / traceDuration. */
function renderBar(span, model) {
  const left = ((span.startUs - model.startUs) / model.durationUs) * 100;
  const width = (span.durationUs / model.durationUs) * 100;
  return el('div', { class: 'track' },
    el('div', { class: 'bar', style: { left: `${left}%`, width: `${width}%` } }),
    el('span', { ...durationPlacement(left, width), text: formatMs(span.durationUs / 1000) }));
}

/** The duration goes right of the bar; left of it when the bar ends near the edge; inside it when the bar fills the track. */
function durationPlacement(left, width) {
  if (left + width < 78) return { class: 'duration', style: { left: `calc(${left + width}% + 4px)` } };
  if (left > 15) return { class: 'duration', style: { right: `calc(${100 - left}% + 4px)` } };
  return { class: 'duration inside', style: { right: `calc(${100 - left - width}% + 4px)` } };
}

function renderDetails(span) {
  const parts = [el('span', { class: 'service-name', text: span.service })];
  for (const keys of DETAIL_TAGS) {
    const key = keys.find((candidate) => span.tags[candidate] !== undefined);
    if (key) parts.push(keyValue(key, span.tags[key]));
  }
  return el('div', { class: 'span-details' }, parts);
}

function renderLogs(logs, traceStartUs) {
  return el('ul', { class: 'span-logs', 'aria-label': 'log lines' }, logs.map((log) =>
    el('li', { 'data-testid': 'log-line', class: `log-line level-${log.level.toLowerCase().replace(/[^a-z]/g, '')}` },
      el('span', { class: 'log-time', text: `+${formatMs((log.timestampUs - traceStartUs) / 1000)}` }),
      log.level ? el('span', { class: 'log-level', text: log.level }) : null,
      el('span', { class: 'log-message', text: log.message }),
      log.extra.map(([key, value]) => keyValue(key, value)))));
}

/** "key=value", the value cut short (full text in the tooltip): stack traces can be long. */
function keyValue(key, value) {
  const text = String(value);
  const short = text.length > 160 ? `${text.slice(0, 160)}…` : text;
  return el('span', { class: 'kv', title: `${key}=${text}` }, el('span', { class: 'k', text: `${key}=` }), short);
}
