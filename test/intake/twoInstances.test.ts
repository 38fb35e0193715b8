import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { FakeGraphAlerts, startFakeGraphAlerts } from '../../tools/fakeGraphAlerts';
import { AZURITE_BLOB } from '../faults/support/sharedStores';
import { channelMessagesOf, incidentOfThread, incidents, intakeEnv, settle, threads, waitUntil } from './support';

/** Two instances polling one tenant on shared Blob state (Azurite), one killed mid-run: still one thread per incident. */

jest.setTimeout(180_000);

let graph: FakeGraphAlerts;
let connector: FakeConnector;
let storeEnv: Record<string, string>;
let disposeStore: () => Promise<void>;
const running: BotProcess[] = [];

beforeAll(async () => {
  graph = await startFakeGraphAlerts(70);
  connector = await startFakeConnector();
  ({ env: storeEnv, dispose: disposeStore } = await AZURITE_BLOB.start());
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.kill()));
  await graph?.close();
  await connector?.close();
  await disposeStore?.();
});

describe('two instances on Azurite', () => {
  it('post 200 incidents as 200 threads though one is killed mid-run', async () => {
    graph.put(...incidents(200));
    graph.channelMessages = channelMessagesOf(connector);
    const env = { ...storeEnv, ...intakeEnv(graph.baseUrl, connector, { INTAKE_THREAD_INTERVAL_MS: '20', INTAKE_TEAM_ID: '19:team-general@thread.tacv2' }) };
    const [a, b] = await Promise.all([startBotProcess({ env }), startBotProcess({ env })]);
    running.push(a, b);
    await waitUntil('the first 40 threads', () => threads(connector).length >= 40, 60_000);
    await a.kill();
    // A claim the killed instance left unfinished is taken over once stale (a minute).
    await waitUntil('200 incidents in threads', () => new Set(threads(connector).map(incidentOfThread)).size === 200, 150_000);
    await settle(3000);
    const perIncident = new Map<string, number>();
    for (const call of threads(connector)) perIncident.set(incidentOfThread(call), (perIncident.get(incidentOfThread(call)) ?? 0) + 1);
    const warnings = b.output().split('\n').filter((line) => /"level":"(warn|error)"/.test(line));
    expect({ twice: [...perIncident].filter(([, count]) => count > 1).map(([id]) => id), warnings: warnings.slice(0, 3) }).toEqual({ twice: [], warnings: expect.anything() });
    expect(threads(connector)).toHaveLength(200);
    expect(b.output()).toContain('claimed elsewhere');
  });
});
