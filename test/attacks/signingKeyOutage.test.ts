import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { KeyEndpoint, refusedUrl, startKeyEndpoint } from '../support/keyEndpoint';
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

interface Started {
  bot: BotProcess;
  endpoint: KeyEndpoint;
}

/** For the describe block it is called in: a key endpoint (hanging unless `serving`) and a bot process taking its keys from it. */
function botWithKeyEndpoint({ serving = false } = {}): Started {
  const started = {} as Started;
  beforeAll(async () => {
    started.endpoint = await startKeyEndpoint(authority, { serving });
    started.bot = await botWithKeysAt(authority, started.endpoint.metadataUrl);
  });
  afterAll(async () => {
    await started.bot?.kill();
    await started.endpoint?.close();
  });
  return started;
}

describe('the key endpoint hangs', () => {
  const started = botWithKeyEndpoint();

  test(`${FORGED} forged tokens at once: refused within the key fetch timeout, through one connection to the endpoint`, async () => {
    const { bot, endpoint } = started;
    const answers = await Promise.all(Array.from({ length: FORGED }, () => postWith(bot, forged())));
    console.log(`hanging key endpoint, ${FORGED} forged tokens at once: ${summary(answers)}; endpoint requests ${endpoint.requests()}, connections ${endpoint.connections()}`);

    expectRefusedWithin(answers, ANSWER_BOUND_MS);
    expect(endpoint.requests()).toBe(1);
    expect(endpoint.connections()).toBeLessThanOrEqual(2);
  });

  test('right after that failure, forged tokens are refused at once, with no new fetch', async () => {
    const { bot, endpoint } = started;
    const before = endpoint.requests();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postWith(bot, forged())));
    console.log(`hanging key endpoint, during the pause: ${summary(answers)}; new endpoint requests ${endpoint.requests() - before}`);

    expectRefusedWithin(answers, PAUSED_ANSWER_BOUND_MS);
    expect(endpoint.requests() - before).toBe(0);
  });

  test('once the endpoint answers again, a genuine token gets its turn and a forged one 401', async () => {
    const { bot, endpoint } = started;
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

/** Each part of a token as JSON, base64url-encoded, the way a forger builds one by hand. */
const part = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A signature-shaped last part: never checked, since none of these tokens gets that far. */
const SIGNATURE = part('not a signature');

const claims = (): Record<string, unknown> => authority.channelClaims({ serviceUrl: SERVICE_URL });
const rs256 = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ alg: 'RS256', typ: 'JWT', kid: authority.keyId, ...extra });

/**
 * Tokens that can never be valid, each with the right issuer, audience and serviceUrl so that only
 * its shape is wrong (a token from another issuer was refused without a key fetch already).
 */
const NEVER_VALID: [string, () => string][] = [
  ['alg none, no signature', () => `${part({ alg: 'none', typ: 'JWT', kid: authority.keyId })}.${part(claims())}.`],
  ['alg none, with a signature part', () => `${part({ alg: 'none', kid: authority.keyId })}.${part(claims())}.${SIGNATURE}`],
  ['alg HS256', () => `${part(rs256({ alg: 'HS256' }))}.${part(claims())}.${SIGNATURE}`],
  ['two parts', () => `${part(rs256())}.${part(claims())}`],
  ['four parts', () => `${part(rs256())}.${part(claims())}.${SIGNATURE}.${SIGNATURE}`],
  ['no kid', () => `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims())}.${SIGNATURE}`],
  ['an empty kid', () => `${part(rs256({ kid: '' }))}.${part(claims())}.${SIGNATURE}`],
  ['oversized (about 9.5 KB)', () => `${part(rs256())}.${part({ ...claims(), padding: 'x'.repeat(7_000) })}.${SIGNATURE}`],
  ['not base64url', () => `${Buffer.from(JSON.stringify(rs256())).toString('base64')}+/=.${part(claims())}.${SIGNATURE}`],
  ['a header that is not JSON', () => `${part('{"alg":"RS256",')}.${part(claims())}.${SIGNATURE}`],
  ['a payload that is not JSON', () => `${part(rs256())}.${part('not json')}.${SIGNATURE}`],
];

/** Well-formed, naming a key the authority never listed, and signed by someone else. */
const unknownKidToken = (): string => `${part(rs256({ kid: 'a-key-nobody-listed' }))}.${part(claims())}.${SIGNATURE}`;

/** Status per token, for the closing note of issue 23. */
const statusLine = (label: string, answers: readonly [string, Timed][]): string =>
  `${label}: ${answers.map(([name, a]) => `${name} ${a.status} (${Math.round(a.ms)} ms)`).join('; ')}`;

describe('no key set can be had (the endpoint hangs from the start)', () => {
  const started = botWithKeyEndpoint();

  test('a token that can never be valid is refused 401 at once, and the bot asks for no keys', async () => {
    const { bot, endpoint } = started;
    const before = endpoint.requests();
    const answers: [string, Timed][] = [];
    for (const [name, token] of NEVER_VALID) answers.push([name, await postWith(bot, token())]);
    console.log(statusLine('key endpoint hanging, no keys held', answers));

    expect(Object.fromEntries(answers.map(([name, a]) => [name, a.status]))).toEqual(Object.fromEntries(NEVER_VALID.map(([name]) => [name, 401])));
    expect(Math.max(...answers.map(([, a]) => a.ms))).toBeLessThan(PAUSED_ANSWER_BOUND_MS);
    expect(endpoint.requests() - before).toBe(0);
    // The log says why, in a fixed phrase, and nothing of the token.
    expect(bot.output()).toContain('token is not signed with RS256');
    expect(bot.output()).not.toContain(part(claims()).slice(0, 40));
  });

  test('a well-formed token naming a key id is still 503 with Retry-After: its key cannot be had', async () => {
    const { bot, endpoint } = started;
    const before = endpoint.requests();
    const answers: [string, Timed][] = [
      ['unknown kid', await postWith(bot, unknownKidToken())],
      ['the authority\'s kid, signed by a stranger', await postWith(bot, forged())],
    ];
    console.log(statusLine('key endpoint hanging, no keys held, well-formed', answers));

    for (const [, answer] of answers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    expect(endpoint.requests() - before).toBe(1);
  });
});

describe('keys fetched before the endpoint went down', () => {
  const started = botWithKeyEndpoint({ serving: true });

  beforeAll(async () => {
    expect((await postWith(started.bot, authority.channelToken({ serviceUrl: SERVICE_URL }), typing())).status).toBe(200);
    started.endpoint.hang();
  });

  test('a kid not in the key set held is 401, as is every token that can never be valid, with no key request', async () => {
    const { bot, endpoint } = started;
    const before = endpoint.requests();
    const answers: [string, Timed][] = [['unknown kid', await postWith(bot, unknownKidToken())]];
    for (const [name, token] of NEVER_VALID) answers.push([name, await postWith(bot, token())]);
    console.log(statusLine('key endpoint hanging, keys held', answers));

    for (const [, answer] of answers) expect(answer.status).toBe(401);
    expect(endpoint.requests() - before).toBe(0);
    // The keys held still serve: a genuine token gets its turn.
    expect((await postWith(bot, authority.channelToken({ serviceUrl: SERVICE_URL }), typing())).status).toBe(200);
  });
});
