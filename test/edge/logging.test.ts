import { LocalAuthority, startLocalAuthority } from '../support/localAuthority';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { ownCardClick, typedMessage } from '../support/wireActivities';

/**
 * The built bot's output, at the most verbose level, after good, refused and failing turns: JSON
 * lines, a summary line per turn, and no secret, token or message text anywhere in it.
 */

const APP_ID = '6f1d3c2a-9b8e-4d7f-a5c4-3e2b1a0f9d8c';
const PASSWORD = 'Edge~Secret.Password-9f8e7d6c';
const MARKER = 'PRIVATE-NOTE-ABOUT-INCIDENT-7731';

let authority: LocalAuthority;
let connector: FakeConnector;
let bot: BotProcess;
const tokens: string[] = [];

beforeAll(async () => {
  authority = await startLocalAuthority(APP_ID);
  connector = await startFakeConnector();
  bot = await startBotProcess({
    env: {
      STORAGE: 'memory',
      LOG_LEVEL: 'trace',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: PASSWORD,
      ToBotFromChannelOpenIdMetadataUrl: authority.metadataUrl,
      ToBotFromChannelTokenIssuer: authority.issuer,
    },
  });
});

afterAll(async () => {
  await bot.kill();
  await connector.close();
  await authority.close();
});

async function post(body: object | string, token?: string): Promise<number> {
  if (token) tokens.push(token);
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return response.status;
}

test('after a mix of turns the log is JSON lines with a summary per turn and nothing private in it', async () => {
  const valid = (): string => authority.channelToken({ serviceUrl: connector.serviceUrl });
  const clickData = { verb: 'command', command: 'report', note: MARKER };

  expect(await post(ownCardClick({ verb: 'command', command: 'report' }, connector.serviceUrl), valid())).toBe(200);
  expect(await post(ownCardClick(clickData, connector.serviceUrl), valid())).toBe(200);
  // A valid typed message: the turn runs; its reply needs an Entra token this sandbox cannot get.
  expect([200, 202]).toContain(await post(typedMessage(`report ${MARKER}`, connector.serviceUrl), valid()));
  expect(await post(typedMessage(`report ${MARKER}`, connector.serviceUrl), authority.channelToken({ serviceUrl: connector.serviceUrl, signer: 'stranger' }))).toBe(401);
  expect(await post(`{"type":"message","text":"${MARKER}"`)).toBe(400);
  expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });

  // stdout and stderr together: the SDK's own console output would show up here too.
  const output = bot.output();
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain(MARKER);
  for (const token of tokens) expect(output).not.toContain(token);

  // The SDK itself prints a plain-text line when a token's signature fails (it names the public key); the rest is ours.
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const turns = lines.filter((line) => line.msg === 'turn');
  expect(turns.map((turn) => [turn.activityType, turn.verb ?? turn.command, turn.outcome, turn.status])).toEqual([
    ['invoke', 'command', 'answered', 200],
    ['invoke', 'invalid', 'answered', 200],
    ['message', 'none', expect.stringMatching(/failed|overran/), expect.any(Number)],
    [undefined, undefined, 'unauthorized', 401],
    [undefined, undefined, 'refused', 400],
  ]);
  // On Node 24 nothing the bot loads raises a process warning (restify 12 no longer loads spdy, and the
  // bundle serves punycode itself), neither as plain text on stderr nor as a log line.
  expect(output).not.toMatch(/\(node:\d+\)/);
  expect(lines.filter((line) => line.warning !== undefined)).toEqual([]);
  for (const turn of turns) {
    expect(turn).toMatchObject({ correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/), latencyMs: expect.any(Number), level: expect.any(String) });
  }
});
