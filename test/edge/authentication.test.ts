import { BotIdentity } from '../../src/config';
import { EdgeServer, startEdgeServer } from '../support/edgeServer';
import { ChannelTokenOptions, LocalAuthority, startLocalAuthority } from '../support/localAuthority';
import { ownCardClick, typedMessage } from '../support/wireActivities';

/**
 * With an app id every request needs a Bot Framework token signed by the authority's keys, for this
 * bot, from the expected issuer, not expired, naming the activity's serviceUrl. Tokens come from a
 * local authority (its OpenID metadata and keys on a local port), wired in through the config overrides.
 */

const APP_ID = '6f1d3c2a-9b8e-4d7f-a5c4-3e2b1a0f9d8c';
// Nothing listens here: a reply attempt would show up in the log as a failed turn.
const SERVICE_URL = 'http://127.0.0.1:1/teams/';
const CARD_ANSWER = 'application/vnd.microsoft.card.adaptive';

let authority: LocalAuthority;
let edge: EdgeServer;

const identity = (tokenAuthority?: BotIdentity['tokenAuthority']): BotIdentity => ({
  appId: APP_ID,
  appPassword: 'not-used-by-these-tests',
  appType: 'MultiTenant',
  tenantId: '',
  ...(tokenAuthority ? { tokenAuthority } : {}),
});

const bearer = (options: Partial<ChannelTokenOptions> = {}): string =>
  `Bearer ${authority.channelToken({ serviceUrl: SERVICE_URL, ...options })}`;

beforeAll(async () => {
  authority = await startLocalAuthority(APP_ID);
  edge = await startEdgeServer({ identity: identity({ openIdMetadataUrl: authority.metadataUrl, issuer: authority.issuer }) });
});

afterAll(async () => {
  await edge.close();
  await authority.close();
});

test('a correctly signed token lets the click through: the card moves on', async () => {
  const analystRecord = (): string => JSON.stringify([...edge.stored].filter(([key]) => key.includes('/users/')));
  const recordBefore = analystRecord();
  const answer = await edge.postActivity(ownCardClick({ verb: 'command', command: 'report' }, SERVICE_URL), bearer());

  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ statusCode: 200, type: CARD_ANSWER });
  expect(JSON.stringify(answer.body)).toContain('Report');
  // The analyst's record: the walk's state is saved.
  expect(analystRecord()).not.toBe(recordBefore);
  expect(analystRecord()).toContain('report');
});

describe('anything else is refused with 401 and not handled', () => {
  const refused: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a header that is not a bearer token', () => 'Basic ZWRnZTplZGdl'],
    ['a malformed token', () => 'Bearer not.a.jwt'],
    ['an expired token', () => bearer({ expiresIn: -3600 })],
    ['a token signed with another key', () => bearer({ signer: 'stranger' })],
    ['a token for another bot', () => bearer({ audience: '0a0b0c0d-1111-2222-3333-444455556666' })],
    ['a token from another issuer', () => bearer({ issuer: 'https://api.botframework.com' })],
    ['a token issued for another serviceUrl', () => bearer({ serviceUrl: 'https://smba.example.invalid/' })],
  ];

  test.each(refused)('%s', async (_case, authorization) => {
    const logsBefore = edge.logs().length;
    const storedBefore = new Map(edge.stored);

    const answer = await edge.postActivity(typedMessage('report', SERVICE_URL), authorization());

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'unauthorized' });
    expect(edge.stored).toEqual(storedBefore);
    const lines = edge.logs().slice(logsBefore);
    expect(lines.map((line) => line.msg)).toEqual(['turn']);
    expect(lines[0]).toMatchObject({ outcome: 'unauthorized', status: 401 });
    // Nothing of the activity is read before its token is checked, so nothing of it is logged either.
    expect(lines[0]).not.toHaveProperty('activityType');
    expect(lines[0]).not.toHaveProperty('command');
  });
});

test('without the override, tokens are checked against the public Bot Framework keys, not the local ones', async () => {
  const production = await startEdgeServer({ identity: identity() });
  try {
    const storedBefore = new Map(production.stored);
    const answer = await production.postActivity(ownCardClick({ verb: 'command', command: 'help' }, SERVICE_URL), bearer());
    expect(answer.status).toBe(401);
    expect(production.stored).toEqual(storedBefore);
  } finally {
    await production.close();
  }
});
