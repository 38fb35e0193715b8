import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { STORAGE_DOWN_REPLY } from '../../src/bot/turns/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { textOf, titleOf } from '../../tools/cardReader';
import { AnalystChat, clickAnswerOf, deliver } from './support/analystChat';
import { EntraBlob, startEntraBlob } from './support/sharedStores';
import { atStep, EMAIL, reminderOf, stepOf, walkTo } from './support/walk';

/**
 * Blob storage with Microsoft Entra ID, through the real process: the bot gets its tokens from a local
 * App Service identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER, AZURE_CLIENT_ID) and reaches an
 * HTTPS Blob endpoint (AZURE_STORAGE_ACCOUNT_URL) that takes nothing but those tokens. Tokens live 6 s,
 * so every test outlives several of them.
 */

const TOKEN_LIFETIME_SECONDS = 6;
const STORAGE_AUDIENCE = 'https://storage.azure.com';

let connector: FakeConnector;
let store: EntraBlob;
const running: BotProcess[] = [];

async function startBot(logLevel = 'warn'): Promise<BotProcess> {
  const bot = await startBotProcess({ env: { ...store.env, LOG_LEVEL: logLevel } });
  running.push(bot);
  return bot;
}

beforeAll(async () => {
  connector = await startFakeConnector();
  store = await startEntraBlob(TOKEN_LIFETIME_SECONDS);
});

afterEach(() => {
  store.identity.failing = false;
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.kill()));
  await connector?.close();
  await store?.dispose();
});

async function readiness(bot: BotProcess): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(`${bot.url}/readyz`);
  return { status: answer.status, body: await answer.json() };
}

async function eventually(condition: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await sleep(100);
  }
  return performance.now() - started;
}

describe('Blob storage with Microsoft Entra ID', () => {
  it('two instances with no key anywhere finish a walk across several tokens, one expiring mid-walk; no request goes without a bearer token', async () => {
    expect(JSON.stringify(store.env)).not.toMatch(/AccountKey|SharedAccessSignature|CONNECTION_STRING|sig=/i);
    const [a, b] = await Promise.all([startBot(), startBot()]);
    const chat = new AnalystChat(connector);

    let onScreen = await chat.sayForCard(a.url, 'undo');
    onScreen = await chat.clickForCard(b.url, onScreen, 'I have them, continue');
    onScreen = await chat.clickForCard(a.url, onScreen, 'Next');
    const tokensBefore = store.identity.issued.size;
    // Both instances' tokens expire while the analyst reads step 2.
    await sleep((TOKEN_LIFETIME_SECONDS + 1) * 1000);
    onScreen = await chat.clickForCard(b.url, onScreen, 'Next');
    onScreen = await chat.clickForCard(a.url, onScreen, 'Next');
    onScreen = await chat.clickForCard(b.url, onScreen, EMAIL);
    expect(stepOf(onScreen.card)).toBe(4);
    for (const next of [b, a, b]) onScreen = await chat.clickForCard(next.url, onScreen, 'Next');
    expect(stepOf(onScreen.card)).toBe(7);
    const done = await chat.clickForCard(a.url, onScreen, 'Done');
    expect(titleOf(done.card)).toBe('Undo walk-through complete');
    expect(textOf(done.card)).toContain('on the investigation about email content');

    expect(store.identity.issued.size).toBeGreaterThan(tokensBefore);
    expect(store.gateway.refusals).toEqual([]);
    expect(store.gateway.forwarded).toBeGreaterThan(0);
    expect(store.identity.requests.length).toBeGreaterThan(0);
    for (const request of store.identity.requests) {
      expect(request).toEqual({ resource: STORAGE_AUDIENCE, apiVersion: '2019-08-01', clientId: store.identity.clientId, headerMatched: true });
    }
    for (const bot of [a, b]) {
      // No turn failed, no renewal failed, and no token reached the log.
      expect(bot.output()).not.toMatch(/storage \w+ failed|renewal failed|"outcome":"failed"/);
      expect(bot.output()).not.toMatch(/msi-[A-Za-z0-9_-]{20}/);
    }
  }, 60_000);

  it('an identity endpoint down at start stops the bot with one line naming AZURE_STORAGE_ACCOUNT_URL and AZURE_CLIENT_ID', async () => {
    store.identity.failing = true;
    const failure = await startBotProcess({ env: store.env, startTimeoutMs: 30_000 }).then(
      async (bot) => {
        await bot.stop();
        throw new Error('the bot started');
      },
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/exited while starting \(code 1, signal null\)/);
    const output = failure.split('\n').slice(1).join('\n').trim();
    console.log(`start-up token error: ${output.slice(0, 400)}`);
    expect(output.split('\n')).toHaveLength(1);
    const line = JSON.parse(output);
    expect(line).toMatchObject({ level: 'fatal', variable: 'AZURE_STORAGE_ACCOUNT_URL' });
    expect(line.msg).toContain('AZURE_CLIENT_ID');
    expect(store.gateway.refusals).toEqual([]);
  }, 60_000);

  it('an identity endpoint failing later: an error in the log, /readyz 503 with the reason, nothing acknowledged lost, ready again once it is back', async () => {
    const bot = await startBot('info');
    const chat = new AnalystChat(connector);
    const step2 = await walkTo(chat, bot.url, 2);
    expect(await readiness(bot)).toEqual({ status: 200, body: { status: 'ready' } });

    store.identity.failing = true;
    // The held token is renewed at half its life; the renewal fails.
    await eventually(async () => (await readiness(bot)).status === 503, 15_000);
    expect(await readiness(bot)).toEqual({ status: 503, body: { status: 'storage unreachable', detail: 'no token for Blob storage' } });
    expect(bot.output()).toMatch(/"level":"error".*no token for Blob storage: renewal failed/);
    // Once the held token has expired too, a click is answered "try again", in time, and nothing moves.
    await sleep(TOKEN_LIFETIME_SECONDS * 1000);
    const asked = performance.now();
    expect(clickAnswerOf(await deliver(bot.url, chat.click(step2, 'Next')))).toEqual({ kind: 'message', text: STORAGE_DOWN_REPLY });
    expect(performance.now() - asked).toBeLessThan(5_000);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

    store.identity.failing = false;
    const recoveredMs = await eventually(async () => (await readiness(bot)).status === 200, 10_000);
    console.log(`ready again ${Math.round(recoveredMs)} ms after the identity endpoint came back`);
    expect(bot.output()).toMatch(/a token for Blob storage was had again/);
    const step3 = await chat.clickForCard(bot.url, step2, 'Next');
    expect(stepOf(step3.card)).toBe(3);
    expect(await reminderOf(chat, bot.url)).toBe(atStep(3));
    expect(store.gateway.refusals).toEqual([]);
  }, 60_000);
});
