import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { LocalAuthority, startLocalAuthority } from '../support/localAuthority';
import { typedMessage } from '../support/wireActivities';

/**
 * The OpenID metadata endpoint that lists the signing keys is down (connection refused) or hangs
 * (takes connections, never answers). Forged tokens must still end quickly in 401, or 503 with
 * Retry-After when no key can be had: never a turn, never the turn deadline's 202. Requests share
 * one key fetch, which times out, and after a failure the bot pauses before fetching again, so the
 * endpoint sees a handful of connections however many requests arrive. Once it is back, genuine
 * tokens get through again.
 */

const APP_ID = '6f1d3c2a-9b8e-4d7f-a5c4-3e2b1a0f9d8c';
const FORGED = 50;
/** The key fetch gives up after 3 s; a forged token waits for no more than that. */
const ANSWER_BOUND_MS = 4_500;
/** While the bot pauses after a failure, requests are answered without any fetch. */
const PAUSED_ANSWER_BOUND_MS = 500;

interface KeyEndpoint {
  readonly metadataUrl: string;
  /** Every connection it has been offered. */
  connections(): number;
  /** Every request it has had. */
  requests(): number;
  /** From now on it answers with the real authority's metadata. */
  recover(): void;
  close(): Promise<void>;
}

/** Hangs every request until recover(); then serves the real authority's metadata document. */
async function startHangingEndpoint(authority: LocalAuthority): Promise<KeyEndpoint> {
  let connections = 0;
  let requests = 0;
  let serving = false;
  const server = http.createServer(async (_req, res) => {
    requests++;
    if (!serving) return;
    const metadata = await (await fetch(authority.metadataUrl)).text();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(metadata);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    connections: () => connections,
    requests: () => requests,
    recover: () => {
      serving = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: taken from the OS, then given back. */
async function refusedUrl(): Promise<string> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/.well-known/openid-configuration`;
}

const SERVICE_URL = 'http://127.0.0.1:1/teams/';

let authority: LocalAuthority;

const botWithKeysAt = (authority: LocalAuthority, metadataUrl: string): Promise<BotProcess> =>
  startBotProcess({
    env: { STORAGE: 'memory', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-by-this-test', ToBotFromChannelOpenIdMetadataUrl: metadataUrl, ToBotFromChannelTokenIssuer: authority.issuer },
  });

interface Timed {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly ms: number;
}

/** A typing indicator: the bot answers it with nothing, so a genuine one needs no connector and no app token. */
const typing = (): Record<string, unknown> => ({ ...typedMessage('', SERVICE_URL), type: 'typing' });

async function postWith(bot: BotProcess, token: string, activity: object = typedMessage('help', SERVICE_URL)): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(activity),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ms: performance.now() - started };
}

const forged = (): string => authority.channelToken({ serviceUrl: SERVICE_URL, signer: 'stranger' });

/** Every answer a refusal (401, or 503 with Retry-After), and the slowest within the bound. */
function expectRefusedWithin(answers: readonly Timed[], boundMs: number): void {
  for (const answer of answers) {
    expect([401, 503]).toContain(answer.status);
    if (answer.status === 503) expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  }
  expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(boundMs);
}

const summary = (answers: readonly Timed[]): string =>
  `statuses ${JSON.stringify(Object.fromEntries([...new Set(answers.map((a) => a.status))].map((s) => [s, answers.filter((a) => a.status === s).length])))}, slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`;

beforeAll(async () => {
  authority = await startLocalAuthority(APP_ID);
});

afterAll(async () => {
  await authority?.close();
});

describe('the key endpoint hangs', () => {
  let endpoint: KeyEndpoint;
  let bot: BotProcess;

  beforeAll(async () => {
    endpoint = await startHangingEndpoint(authority);
    bot = await botWithKeysAt(authority, endpoint.metadataUrl);
  });

  afterAll(async () => {
    await bot?.kill();
    await endpoint?.close();
  });

  test(`${FORGED} forged tokens at once: refused within the key fetch timeout, through one connection to the endpoint`, async () => {
    const answers = await Promise.all(Array.from({ length: FORGED }, () => postWith(bot, forged())));
    console.log(`hanging key endpoint, ${FORGED} forged tokens at once: ${summary(answers)}; endpoint requests ${endpoint.requests()}, connections ${endpoint.connections()}`);

    expectRefusedWithin(answers, ANSWER_BOUND_MS);
    expect(endpoint.requests()).toBe(1);
    expect(endpoint.connections()).toBeLessThanOrEqual(2);
  });

  test('right after that failure, forged tokens are refused at once, with no new fetch', async () => {
    const before = endpoint.requests();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postWith(bot, forged())));
    console.log(`hanging key endpoint, during the pause: ${summary(answers)}; new endpoint requests ${endpoint.requests() - before}`);

    expectRefusedWithin(answers, PAUSED_ANSWER_BOUND_MS);
    expect(endpoint.requests() - before).toBe(0);
  });

  test('once the endpoint answers again, a genuine token gets its turn and a forged one 401', async () => {
    endpoint.recover();
    const genuine = authority.channelToken({ serviceUrl: SERVICE_URL });
    let answer = await postWith(bot, genuine, typing());
    const deadline = Date.now() + 15_000;
    while (answer.status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Number(answer.retryAfter ?? 1) * 1000));
      answer = await postWith(bot, genuine, typing());
    }

    expect(answer.status).toBe(200);
    expect((await postWith(bot, forged())).status).toBe(401);
    // The SDK prints the failed check and the whole public key: one JSON line instead, without the key.
    const lines = bot.output().trim().split('\n');
    expect(bot.output()).not.toMatch(/BEGIN (RSA )?PUBLIC KEY-----\n/);
    expect(lines.every((line) => line.startsWith('{'))).toBe(true);
  });
});

test('the key endpoint refuses connections: forged tokens are refused quickly, not with a turn', async () => {
  const bot = await botWithKeysAt(authority, await refusedUrl());
  try {
    const answers = await Promise.all(Array.from({ length: 20 }, () => postWith(bot, forged())));
    console.log(`refused key endpoint, 20 forged tokens at once: ${summary(answers)}`);
    expectRefusedWithin(answers, ANSWER_BOUND_MS);
  } finally {
    await bot.kill();
  }
});
