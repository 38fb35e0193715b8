import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { FakeGraphAlerts, startFakeGraphAlerts } from '../../tools/fakeGraphAlerts';
import { LocalAuthority, startLocalAuthority } from '../support/localAuthority';
import { intakeEnv } from './support';

/** POST /api/intake through the real process: every bad Entra token is refused 401 before the body is read, and nothing is fetched or stored. */

/** The bot, its tenant and another, the Logic App allowed to push and a managed identity that is not. */
const [APP_ID, TENANT, OTHER_TENANT, LOGIC_APP, STRANGER] = ['0c6a2f4e-3b1d-4e8f-9a57-6d2c1b0e9f83', '9b1e4c7a-2d3f-4a6b-8c5d-7e0f1a2b3c4d', '11111111-2222-4333-8444-555555555555', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', 'ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee'];
const AUDIENCE = 'api://air-guidance-bot-intake';

let graph: FakeGraphAlerts, connector: FakeConnector, entra: LocalAuthority;
/** One bot that takes pushes, one with push not configured. */
let bot: BotProcess, unpushed: BotProcess;

const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({ iss: `https://sts.windows.net/${TENANT}/`, aud: AUDIENCE, oid: LOGIC_APP, tid: TENANT, iat: now() - 60, nbf: now() - 60, exp: now() + 3600, ...overrides });
const push = (url: string, token: string | undefined, body: unknown = { incidentId: '1000' }) =>
  fetch(`${url}/api/intake`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
const unsigned = (payload: object) => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'local-authority-key-1' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

beforeAll(async () => {
  graph = await startFakeGraphAlerts();
  connector = await startFakeConnector();
  entra = await startLocalAuthority(APP_ID, `https://sts.windows.net/${TENANT}/`);
  const env = {
    ...intakeEnv(graph.baseUrl, connector),
    INTAKE_POLL_SECONDS: '',
    STORAGE: 'memory',
    MicrosoftAppId: APP_ID,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: TENANT,
    INTAKE_AUDIENCE: AUDIENCE,
    INTAKE_ALLOWED_CALLERS: LOGIC_APP,
    INTAKE_OPENID_METADATA_URL: entra.metadataUrl,
  };
  bot = await startBotProcess({ env });
  unpushed = await startBotProcess({ env: { ...env, INTAKE_AUDIENCE: '', INTAKE_ALLOWED_CALLERS: '' } });
});

afterAll(async () => {
  await bot?.kill();
  await unpushed?.kill();
  await graph?.close();
  await connector?.close();
  await entra?.close();
});

describe('POST /api/intake', () => {
  it('answers 404 while push is not configured (no INTAKE_AUDIENCE)', async () => {
    expect((await push(unpushed.url, entra.signed(claims()))).status).toBe(404);
  });

  it.each<[string, () => string | undefined]>([
    ['no token', () => undefined],
    ['a wrong audience', () => entra.signed(claims({ aud: 'api://someone-else' }))],
    ['a caller not allowed', () => entra.signed(claims({ oid: STRANGER, appid: STRANGER }))],
    ['another tenant', () => entra.signed(claims({ iss: `https://sts.windows.net/${OTHER_TENANT}/`, tid: OTHER_TENANT }))],
    ['an expired token', () => entra.signed(claims({ exp: now() - 3600, nbf: now() - 7200 }))],
    ['a token signed by a stranger', () => entra.signed(claims(), 'stranger')],
    ['alg none', () => unsigned(claims())],
    ['garbage', () => 'not.a.token'],
  ])('refuses %s with 401, and fetches and stores nothing', async (_name, token) => {
    const answer = await push(bot.url, token() ?? '');
    expect(answer.status).toBe(401);
    expect(graph.reads).toEqual([]);
    expect(connector.calls).toEqual([]);
  });

  it('admits the allowed caller, with a v1 or a v2 token, and takes the incident id from the Sentinel payload', async () => {
    const v1 = await push(bot.url, entra.signed(claims()), { object: { properties: { providerIncidentId: '1000', title: 'never trusted' } } });
    expect(v1.status).not.toBe(401);
    const v2 = await push(bot.url, entra.signed(claims({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, oid: undefined, azp: LOGIC_APP })));
    expect(v2.status).not.toBe(401);
    expect(bot.output()).toContain('"incidentId":"1000","caller":"' + LOGIC_APP);
  });

  it('a good token with a body naming no incident is 400', async () => {
    expect((await push(bot.url, entra.signed(claims()), { incidentId: '../etc' })).status).toBe(400);
  });
});
