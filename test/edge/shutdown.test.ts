import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { typedMessage } from '../support/wireActivities';

/**
 * SIGTERM during a slow turn (the connector takes 1.5 s to take the reply): the built bot stops taking
 * requests, finishes that turn, closes its SQLite store and exits 0 within a few seconds.
 */

const SLOW_CONNECTOR_MS = 1_500;

let stateDir: string;
let connector: FakeConnector;
let bot: BotProcess;

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'edge-shutdown-'));
  connector = await startFakeConnector();
  connector.answer(200, SLOW_CONNECTOR_MS);
  bot = await startBotProcess({ env: { STORAGE: 'sqlite', STATE_DB_PATH: path.join(stateDir, 'state.db'), LOG_LEVEL: 'info' } });
});

afterAll(async () => {
  await bot.kill();
  await connector.close();
  rmSync(stateDir, { recursive: true, force: true });
});

const post = (activity: object): Promise<Response> =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

async function untilConnectorCalled(): Promise<void> {
  while (connector.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

test('the turn in flight finishes, new requests are refused, the process exits 0 promptly', async () => {
  const inFlight = post(typedMessage('report', connector.serviceUrl));
  await untilConnectorCalled(); // the turn is now waiting on the slow connector

  const signalled = Date.now();
  const stopped = bot.stop('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const late = await post(typedMessage('help', connector.serviceUrl)).then(
    (response) => response.status,
    () => 'connection refused',
  );

  expect((await inFlight).status).toBe(200);
  expect(await stopped).toEqual({ code: 0, signal: null });
  const tookMs = Date.now() - signalled;

  expect(late).toBe('connection refused');
  expect(connector.calls).toHaveLength(1); // the in-flight reply, nothing for the late request
  expect(tookMs).toBeLessThan(SLOW_CONNECTOR_MS + 2_000);
  const messages = bot.output().trim().split('\n').map((line) => JSON.parse(line).msg);
  expect(messages.slice(-3)).toEqual(['shutting down', 'turn', 'stopped']);
});
