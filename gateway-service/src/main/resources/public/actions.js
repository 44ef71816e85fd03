// What the buttons do: log in, create/list/open orders. Each action sends its
// request(s) through callApi and hands every record to `log`, so every
// request the page makes shows up in the request log with its trace id.
import { callApi } from './api.js';

/** The demo users of auth-service (public, from the README). */
export const DEMO_USERS = { alice: 'wonderland', bob: 'builder' };

/**
 * Creates the actions.
 * log(record): shows a request in the request log.
 * credentials(): {username, password} currently chosen in the login form.
 * onSession(session|null): told when the logged-in user changes.
 */
export function createActions({ log, credentials, onSession }) {
  let session = null; // { username, token, expiresAt }

  async function send(options, summarize) {
    const record = await callApi(options);
    record.bySession = Boolean(options.bySession); // sent with the logged-in user's own token
    if (record.ok && summarize) record.summary = summarize(record.data);
    log(record);
    return record;
  }

  /** Logs in and returns {username, token} or null; a background login leaves the session alone. */
  async function login(username, password, { scenario, background = false } = {}) {
    const record = await send(
      { method: 'POST', path: '/api/login', body: { username, password }, scenario },
      (data) => `token for ${username}, valid ${data?.expiresIn ?? '?'} s`);
    if (!record.ok || typeof record.data?.accessToken !== 'string') return null;
    const result = { username, token: record.data.accessToken };
    if (!background) {
      const lifetimeMs = (Number(record.data.expiresIn) || 3600) * 1000;
      session = { ...result, expiresAt: Date.now() + lifetimeMs };
      onSession(session);
    }
    return result;
  }

  /** The current session, logging in with the form's user first when there is none (or it expired). */
  async function ensureSession(scenario) {
    if (session && session.expiresAt - Date.now() > 10_000) return session;
    const { username, password } = credentials();
    return (await login(username, password, { scenario })) ? session : null;
  }

  /**
   * Adds the token to send: an explicit one (a scenario's), else the session's.
   * Null when a login was needed and failed (its entry in the log says why).
   */
  async function withToken(options) {
    if (options.token !== undefined) return options;
    const current = await ensureSession(options.scenario);
    return current ? { ...options, token: current.token, bySession: true } : null;
  }

  async function createOrder(item, quantity, options = {}) {
    const ready = await withToken(options);
    return ready && send({ ...ready, method: 'POST', path: '/api/orders', idempotent: true,
      body: { item, quantity } }, (order) => `created order ${order?.id}: ${order?.item} × ${order?.quantity}`);
  }

  async function listOrders(options = {}) {
    const ready = await withToken(options);
    return ready && send({ ...ready, method: 'GET', path: '/api/orders' },
      (data) => `${data?.orders?.length ?? 0} order(s)`);
  }

  async function getOrder(id, options = {}) {
    const ready = await withToken(options);
    return ready && send({ ...ready, method: 'GET', path: `/api/orders/${encodeURIComponent(String(id))}` },
      (order) => `order ${order?.id} of ${order?.userId}: ${order?.item} × ${order?.quantity}`);
  }

  return { login, ensureSession, createOrder, listOrders, getOrder, currentSession: () => session };
}
