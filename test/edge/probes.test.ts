import { startEdgeServer } from '../support/edgeServer';

/** /healthz says the process is up, /readyz that storage answers; neither asks for a token or says more than a word. */

const APP_ID = '6f1d3c2a-9b8e-4d7f-a5c4-3e2b1a0f9d8c';
const PASSWORD = 'probe-test-password-value';
const identity = { appId: APP_ID, appPassword: PASSWORD, appType: 'MultiTenant' as const, tenantId: '' };

test('both probes answer without a token, even when tokens are required, and reveal no settings', async () => {
  const edge = await startEdgeServer({ identity });
  try {
    const health = await edge.get('/healthz');
    const ready = await edge.get('/readyz');
    expect([health.status, health.body]).toEqual([200, { status: 'ok' }]);
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
  } finally {
    await edge.close();
  }
});

test('storage that fails its ping makes /readyz 503 while /healthz stays 200; the reason is logged, not returned', async () => {
  const edge = await startEdgeServer({ ping: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:10000')) });
  try {
    const ready = await edge.get('/readyz');
    expect([ready.status, ready.body]).toEqual([503, { status: 'storage unreachable' }]);
    expect((await edge.get('/healthz')).status).toBe(200);
    expect(edge.logs()).toContainEqual(
      expect.objectContaining({ msg: 'not ready: storage unreachable', err: expect.objectContaining({ message: 'connect ECONNREFUSED 127.0.0.1:10000' }) }),
    );
  } finally {
    await edge.close();
  }
});

test('storage that does not answer its ping in time makes /readyz 503 within the readiness timeout', async () => {
  const edge = await startEdgeServer({ ping: () => new Promise<void>(() => undefined), limits: { readinessTimeoutMs: 200 } });
  try {
    const started = Date.now();
    const ready = await edge.get('/readyz');
    expect(ready.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  } finally {
    await edge.close();
  }
});

test('once shutdown has begun /readyz is 503 and new turns are turned away with 503', async () => {
  const edge = await startEdgeServer();
  try {
    edge.turns.close();
    expect(await edge.get('/readyz')).toMatchObject({ status: 503, body: { status: 'stopping' } });
    const turn = await edge.post('{}');
    expect(turn.status).toBe(503);
    expect(turn.headers.get('connection')).toBe('close');
  } finally {
    await edge.close();
  }
});
