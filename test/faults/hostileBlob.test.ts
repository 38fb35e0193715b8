import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { STORAGE_DOWN_REPLY } from '../../src/bot/turns/replies';
import { MAX_ITEM_BYTES } from '../../src/storage/stateStore';
import { Azurite, startAzurite } from '../../tools/azurite';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { HostileBlobEndpoint, Hostility, startHostileBlobEndpoint } from '../support/hostileBlobEndpoint';
import { AnalystChat, clickAnswerOf, deliver } from './support/analystChat';
import { stepOf, walkTo } from './support/walk';

/**
 * A Blob endpoint that turns hostile under a running bot (HTTPS, in front of Azurite): an endless
 * chunked body, a Content-Length of 10 GB sent at full speed, TLS handshakes that never finish. The
 * process stays healthy (its /healthz quick, its memory bounded), turns are answered "try again" in
 * time, and once the endpoint is healthy again storage works within about a second.
 */

/** Well inside the time Teams waits for an answer (about 15 s), as for any storage outage. */
const ANSWER_WITHIN_MS = 5_000;
/** The hand-written client's /healthz took 1.6 s against an endless body; the pooled one 34-351 ms alone, 688 ms once in a loaded full run. */
const HEALTHZ_WITHIN_MS = 1_000;
/** The hand-written client kept failing for 30 s after stalled handshakes ended (they held its pool). */
const RECOVER_WITHIN_MS = 1_500;
const TURNS_AT_ONCE = 80;
/**
 * The most the process may grow while hostile: each request reads at most the largest item the bot
 * writes (2 MB, MAX_ITEM_BYTES) before it is cut off, and each of these turns makes one request at a
 * time; 40 MB for the turns themselves. (The hand-written client went 120 -> 296 MB on one endpoint.)
 */
const RSS_GROWTH_MB = (TURNS_AT_ONCE * MAX_ITEM_BYTES) / 1024 ** 2 + 40;

let connector: FakeConnector;
let azurite: Azurite;
let endpoint: HostileBlobEndpoint;
let bot: BotProcess;

const rssMb = (): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${bot.pid}/status`, 'utf8'))![1]) / 1024;

async function healthzMs(): Promise<number> {
  const started = performance.now();
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  return performance.now() - started;
}

beforeAll(async () => {
  connector = await startFakeConnector();
  azurite = await startAzurite();
  endpoint = await startHostileBlobEndpoint(azurite.connectionString);
  bot = await startBotProcess({ env: { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: endpoint.connectionString, AZURE_STORAGE_CONTAINER: 'hostile', NODE_EXTRA_CA_CERTS: endpoint.caFile } });
});

afterAll(async () => {
  await bot?.kill();
  await endpoint?.close();
  await connector?.close();
  await azurite?.dispose();
});

/** Many turns at once against the hostile endpoint: each answered "try again" in time, the process responsive meanwhile. */
async function turnsWhileHostile(mode: Hostility): Promise<{ slowestMs: number; healthzMs: number; rssGrowthMb: number }> {
  const chats = Array.from({ length: TURNS_AT_ONCE }, () => new AnalystChat(connector));
  const before = rssMb();
  endpoint.mode = mode;
  endpoint.dropConnections();
  let peak = before;
  const turns = chats.map(async (chat) => {
    const asked = performance.now();
    expect((await chat.say(bot.url, 'undo')).text).toBe(STORAGE_DOWN_REPLY);
    return performance.now() - asked;
  });
  const answered = Promise.all(turns);
  await sleep(500);
  const healthz = await healthzMs();
  const watch = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
  const times = await answered;
  clearInterval(watch);
  peak = Math.max(peak, rssMb());
  return { slowestMs: Math.max(...times), healthzMs: healthz, rssGrowthMb: peak - before };
}

/** From the moment the endpoint is healthy again until a click goes through. */
async function recoveryMs(chat: AnalystChat, onScreen: Awaited<ReturnType<typeof walkTo>>): Promise<number> {
  endpoint.mode = 'healthy';
  const healed = performance.now();
  for (;;) {
    const answer = clickAnswerOf(await deliver(bot.url, chat.click(onScreen, 'Next')));
    if (answer.kind === 'card') {
      expect(stepOf(answer.card)).toBe((stepOf(onScreen.card) ?? 0) + 1);
      return performance.now() - healed;
    }
    expect(answer).toEqual({ kind: 'message', text: STORAGE_DOWN_REPLY });
  }
}

describe.each<[string, Hostility]>([
  ['an endless chunked body', 'endlessBody'],
  ['a Content-Length of 10 GB sent at full speed', 'hugeLength'],
  [`TLS handshakes that stall (${TURNS_AT_ONCE} turns)`, 'stallTls'],
])('a Blob endpoint with %s', (what, mode) => {
  it('turns are answered "try again" in time, the process stays healthy, and storage works again within a second once it heals', async () => {
    const chat = new AnalystChat(connector);
    const step2 = await walkTo(chat, bot.url, 2);

    const hostile = await turnsWhileHostile(mode);
    const recovered = await recoveryMs(chat, step2);
    console.log(`${what}: slowest answer ${Math.round(hostile.slowestMs)} ms, /healthz ${Math.round(hostile.healthzMs)} ms, RSS +${hostile.rssGrowthMb.toFixed(1)} MB (now ${rssMb().toFixed(1)} MB), storage again ${Math.round(recovered)} ms after it healed${mode === 'stallTls' ? `, ${endpoint.stalled} stalled connections` : ''}`);

    expect(hostile.slowestMs).toBeLessThan(ANSWER_WITHIN_MS);
    expect(hostile.healthzMs).toBeLessThan(HEALTHZ_WITHIN_MS);
    expect(hostile.rssGrowthMb).toBeLessThan(RSS_GROWTH_MB);
    expect(recovered).toBeLessThan(RECOVER_WITHIN_MS);
    expect(bot.isRunning()).toBe(true);
  }, 60_000);
});
