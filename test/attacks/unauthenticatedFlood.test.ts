import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { LocalAuthority, startLocalAuthority } from '../support/localAuthority';

/**
 * An attacker with no token sends the largest body the bot reads: 100,000 characters of text and
 * thousands of mention entities. Before its token is checked nothing heavier than reading the JSON
 * may run, so it is refused at once and the process keeps answering everyone else meanwhile.
 */

const APP_ID = '6f1d3c2a-9b8e-4d7f-a5c4-3e2b1a0f9d8c';
const TEXT_LENGTH = 100_000;
const MENTIONS = 13_000;
/** Before the fix this request took about 59 s; refusing a token takes milliseconds. */
const REFUSAL_BOUND_MS = 3_000;
const PROBE_BOUND_MS = 1_000;

let authority: LocalAuthority;
let bot: BotProcess;

const BOT_ID = `28:${APP_ID}`;
const BOT_MENTION = '<at>AIR guidance</at>';

/** A channel message from `text` that mentions the bot and carries one mention entity per name in `others`. */
function channelMessage(serviceUrl: string, text: string, others: readonly string[]): Record<string, unknown> {
  const entities = [{ type: 'mention', text: BOT_MENTION, mentioned: { id: BOT_ID, name: 'AIR guidance' } }, ...others.map((name) => ({ type: 'mention', text: name }))];
  return {
    type: 'message',
    id: 'flood-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:sender', name: 'Sender' },
    recipient: { id: BOT_ID, name: 'AIR guidance' },
    conversation: { id: '19:incident@thread.tacv2;messageid=1', conversationType: 'channel' },
    text,
    entities,
  };
}

/**
 * The attack: 100,000 characters in which the one-character "name" of 13,000 mention entities occurs
 * 50,000 times, so a strip with one pass per entity splits the text 13,000 times into 50,000 pieces.
 */
const floodActivity = (serviceUrl: string): Record<string, unknown> =>
  channelMessage(serviceUrl, `${BOT_MENTION} ${'a '.repeat(TEXT_LENGTH / 2)}`.slice(0, TEXT_LENGTH), Array(MENTIONS).fill(' '));

const post = (bot: BotProcess, body: string): Promise<Response> =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

beforeAll(async () => {
  authority = await startLocalAuthority(APP_ID);
  bot = await startBotProcess({
    env: {
      STORAGE: 'memory',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-by-this-test',
      ToBotFromChannelOpenIdMetadataUrl: authority.metadataUrl,
      ToBotFromChannelTokenIssuer: authority.issuer,
    },
  });
});

afterAll(async () => {
  await bot?.stop();
  await authority?.close();
});

test('a 490 KB request with no token and 13,000 mentions is refused with 401 at once, and probes answer meanwhile', async () => {
  const body = JSON.stringify(floodActivity('http://127.0.0.1:1/teams/'));
  expect(body.length).toBeGreaterThan(400_000);
  expect(body.length).toBeLessThan(512 * 1024);

  const flood = timed(post(bot, body));
  const probe = timed(fetch(`${bot.url}/healthz`));
  const [refused, health] = await Promise.all([flood, probe]);

  expect(refused.value.status).toBe(401);
  expect(refused.ms).toBeLessThan(REFUSAL_BOUND_MS);
  expect(health.value.status).toBe(200);
  expect(health.ms).toBeLessThan(PROBE_BOUND_MS);
  console.log(`490 KB unauthenticated request: 401 in ${Math.round(refused.ms)} ms; /healthz meanwhile in ${Math.round(health.ms)} ms`);
});

describe('once a request is let in, the same mentions cost a few passes over the text, not one each', () => {
  let connector: FakeConnector;
  let anonymous: BotProcess;

  beforeAll(async () => {
    connector = await startFakeConnector();
    anonymous = await startBotProcess({ env: { STORAGE: 'memory' } });
  });

  afterAll(async () => {
    await anonymous?.stop();
    await connector?.close();
  });

  test('a command after the bot\'s mention, then 100,000 characters that 13,000 mentions all match, is answered with its card', async () => {
    const activity = channelMessage(connector.serviceUrl, `${BOT_MENTION} report`.padEnd(TEXT_LENGTH), Array(MENTIONS).fill(' '));
    expect(JSON.stringify(activity).length).toBeLessThan(512 * 1024);

    const answered = await timed(post(anonymous, JSON.stringify(activity)));
    const reply = await connector.nextReply('19:incident@thread.tacv2;messageid=1').catch((error: Error) => {
      throw new Error(`${error.message}\n${anonymous.output()}`);
    });

    expect(answered.value.status).toBe(200);
    expect(answered.ms).toBeLessThan(REFUSAL_BOUND_MS);
    expect(JSON.stringify(reply.activity)).toContain('Report to Microsoft');
  });
});
