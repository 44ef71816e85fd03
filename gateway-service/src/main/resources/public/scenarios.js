// The guided scenarios: one button each. `explain` says what to look for in
// the trace; `run` uses the actions, which log every request they send.
import { DEMO_USERS } from './actions.js';

export const SCENARIOS = [
  {
    name: 'happy', label: 'Happy path',
    explain: 'Creates an order and reads it back: each request is one chain gateway → auth → order, down to the database span.',
    async run(actions, scenario) {
      const created = await actions.createOrder('teapot', 2, { scenario });
      if (created?.ok) await actions.getOrder(created.data.id, { scenario });
    },
  },
  {
    name: 'invalid-token', label: 'Invalid token',
    explain: 'GET /api/orders with a bad token gives 401: the gateway’s CLIENT span to auth-service is marked as error.',
    run: (actions, scenario) => actions.listOrders({ scenario, token: 'invalid' }),
  },
  {
    name: 'other-users-order', label: 'Another user’s order',
    explain: 'The other demo user creates an order and you ask for it: order-service answers 404 rather than reveal that it exists.',
    async run(actions, scenario) {
      const me = await actions.ensureSession(scenario);
      if (!me) return;
      const other = me.username === 'bob' ? 'alice' : 'bob';
      const them = await actions.login(other, DEMO_USERS[other], { scenario, background: true });
      if (!them) return;
      const created = await actions.createOrder(`${other}’s notebook`, 1, { scenario, token: them.token });
      if (created?.ok) await actions.getOrder(created.data.id, { scenario });
    },
  },
  {
    name: 'unknown-order', label: 'Unknown order',
    explain: 'GET /api/orders/999999999 gives 404: follow it from order-service’s database query back to the gateway.',
    run: (actions, scenario) => actions.getOrder('999999999', { scenario }),
  },
  {
    name: 'slow-database', label: 'Slow database',
    explain: 'Creates an order while the database is slow: the database span takes about 1.5 s of the whole trace.',
    run: (actions, scenario) => actions.createOrder('slow teapot', 1, { scenario, demoScenario: 'slow-database' }),
  },
  {
    name: 'order-failure', label: 'order-service failure',
    explain: 'order-service fails with 500: error spans all the way back, and the gateway answers 502.',
    run: (actions, scenario) => actions.listOrders({ scenario, demoScenario: 'order-failure' }),
  },
  {
    name: 'auth-unreachable', label: 'Auth unreachable',
    explain: 'The gateway cannot reach auth-service and answers 503: its CLIENT span fails to connect.',
    run: (actions, scenario) => actions.listOrders({ scenario, demoScenario: 'auth-unreachable' }),
  },
];

/** The scenario of that name, or undefined. */
export function findScenario(name) {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
