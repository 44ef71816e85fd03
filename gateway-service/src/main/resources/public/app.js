// Entry point of the demo page: wires the controls, the request log and the
// waterfall together. Served by gateway-service at / (classpath public/), so
// every request below is same-origin and nothing is fetched from elsewhere.
//
// ?autorun=<scenario> logs in as alice and runs that scenario on load, e.g.
// /?autorun=happy or /?autorun=order-failure: handy for screenshots and demos.
// Scenario names: happy, invalid-token, other-users-order, unknown-order,
// slow-database, order-failure, auth-unreachable.
//
// ?trace=<trace id> shows that trace on load: the Jaeger UI links here from a trace.
import { createActions, DEMO_USERS } from './actions.js';
import { el } from './dom.js';
import { createRequestLog } from './request-log.js';
import { findScenario, SCENARIOS } from './scenarios.js';
import { createTraceView } from './trace-view.js';

const DEFAULT_JAEGER_URL = 'http://localhost:16686';
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

let jaegerUrl = DEFAULT_JAEGER_URL;
let tailSampling = null; // {decisionWaitMs, keeps} when a tail sampler drops traces on their way to Jaeger
const traceView = createTraceView(byTestId('waterfall'),
  { jaegerUrl: () => jaegerUrl, tailSampling: () => tailSampling });
const requestLog = createRequestLog(document.getElementById('request-log'),
  { jaegerUrl: () => jaegerUrl, onSelect: (record) => traceView.show(record) });
const formCredentials = () => ({ username: byTestId('user').value, password: byTestId('password').value });
const actions = createActions({
  log: (record) => { requestLog.add(record); rememberOrders(record); },
  credentials: formCredentials,
  onSession: showSession,
});

/**
 * Reads the Jaeger UI URL and the tail sampler's settings from the gateway;
 * the defaults keep the page usable if that fails.
 */
async function loadConfig() {
  try {
    const response = await fetch('/demo/config', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const config = await response.json();
    const url = new URL(config.jaegerUiUrl);
    // Only http(s): the value ends up in link hrefs.
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported URL ${url}`);
    jaegerUrl = url.href.replace(/\/+$/, '');
    const sampler = config.tailSampling;
    if (sampler && (!(sampler.decisionWaitMs > 0) || typeof sampler.keeps !== 'string')) {
      throw new Error('tailSampling needs decisionWaitMs and keeps');
    }
    tailSampling = sampler || null;
  } catch (error) {
    showBanner(`Could not read /demo/config (${error.message}); Jaeger links use ${DEFAULT_JAEGER_URL}.`);
  }
}

/**
 * Runs a click handler with the controls disabled, so two actions never
 * interleave, and turns anything unexpected into a visible message.
 */
async function runExclusive(work) {
  const buttons = document.querySelectorAll('.controls button');
  buttons.forEach((button) => { button.disabled = true; });
  document.body.classList.add('is-busy');
  try {
    await work();
  } catch (error) {
    showBanner(`Something went wrong in the page: ${error?.message || error}`);
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
    document.body.classList.remove('is-busy');
  }
}

function showSession(session) {
  byTestId('current-user').textContent = session ? `logged in as ${session.username}` : 'not logged in';
  document.getElementById('orders').replaceChildren(); // the list shown belonged to the previous user
}

function showBanner(message) {
  const banner = document.getElementById('banner');
  banner.textContent = message;
  banner.hidden = false;
}

/** Keeps "Your orders" current from list and create answers made with the session's token. */
function rememberOrders(record) {
  if (!record.ok || !record.bySession) return; // e.g. bob's order in "another user's order
  const list = document.getElementById('orders');
  if (record.method === 'GET' && record.path === '/api/orders') {
    list.replaceChildren(...(record.data?.orders || []).map(renderOrder));
  } else if (record.method === 'POST' && record.path === '/api/orders' && record.data?.id !== undefined) {
    list.prepend(renderOrder(record.data));
  }
}

function renderOrder(order) {
  return el('li', {},
    el('button', { type: 'button', class: 'link-button', title: 'GET /api/orders/{id}',
      onclick: () => runExclusive(() => actions.getOrder(order.id)) },
    `#${order.id}`),
    ` ${order.item} × ${order.quantity}`);
}

function wireControls() {
  byTestId('user').addEventListener('change', (event) => {
    byTestId('password').value = DEMO_USERS[event.target.value] || '';
  });
  document.getElementById('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const { username, password } = formCredentials();
    runExclusive(() => actions.login(username, password));
  });
  document.getElementById('order-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const quantity = Number.parseInt(byTestId('quantity').value, 10);
    // An invalid quantity is sent anyway (as null): the gateway's 400 and its trace are instructive too.
    runExclusive(() => actions.createOrder(byTestId('item').value, Number.isNaN(quantity) ? null : quantity));
  });
  byTestId('list-orders').addEventListener('click', () => runExclusive(() => actions.listOrders()));
}

function renderScenarios() {
  document.getElementById('scenarios').replaceChildren(...SCENARIOS.map((scenario) => el('li', {},
    el('button', { type: 'button', 'data-testid': `scenario-${scenario.name}`,
      onclick: () => runExclusive(() => scenario.run(actions, scenario.name)) }, scenario.label),
    el('p', { class: 'explain', text: scenario.explain }))));
}

/** ?autorun=<scenario>: log in as alice, then run it (see the comment at the top). */
async function autorun() {
  const name = new URLSearchParams(location.search).get('autorun');
  if (!name) return;
  const scenario = findScenario(name);
  if (!scenario) {
    showBanner(`Unknown autorun scenario "${name}". Known: ${SCENARIOS.map((s) => s.name).join(', ')}.`);
    return;
  }
  byTestId('user').value = 'alice';
  byTestId('password').value = DEMO_USERS.alice;
  await runExclusive(async () => {
    if (await actions.login('alice', DEMO_USERS.alice, { scenario: name })) await scenario.run(actions, name);
  });
}

/** ?trace=<32 hex>: draw that trace, as when Jaeger's UI links to the page. */
function showLinkedTrace() {
  const traceId = new URLSearchParams(location.search).get('trace');
  if (!traceId) return;
  if (!/^[0-9a-f]{32}$/.test(traceId)) {
    showBanner(`"${traceId}" is not a trace id (32 lowercase hex digits).`);
    return;
  }
  traceView.show({ traceId, caption: 'Trace linked from Jaeger' });
}

window.addEventListener('unhandledrejection', (event) => showBanner(`Unexpected error: ${event.reason?.message || event.reason}`));
wireControls();
renderScenarios();
await loadConfig();
showLinkedTrace();
autorun();
