import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes, InvokeResponse, tokenExchangeOperationName, TurnContext, verifyStateOperationName } from 'botbuilder-core';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { createAdapter } from '../../../src/bot/auth/adapter';
import type { TokenAnswer, TokenAudience } from '../../../src/bot/actions/analystToken';
import { AnalystSignIn } from '../../../src/bot/actions/signIn';
import { CARD_ACTION_INVOKE, SIGN_IN_FAILURE_INVOKE } from '../../../src/core/wireNames';
import { createLogger } from '../../../src/ops/logger';
import { FakeConnector, startFakeConnector } from '../../../tools/fakeConnector';
import { FakeTokenService, startFakeTokenService } from '../../support/fakeTokenService';

/**
 * The analyst's sign-in through the SDK's own CloudAdapter, as in production: the turn's
 * UserTokenClient talks HTTP to a local token service (OAUTH_API_URL), and what the bot posts goes
 * to a local Bot Connector. The turns carry the claims Teams' token would (audience: the bot's app id).
 */

const APP_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const GRAPH = 'graph-connection';
const DEFENDER = 'defender-connection';
const ALICE = { id: '29:alice-aad', name: 'Alice Analyst', aadObjectId: '0b1c2d3e-0000-4000-8000-000000000001' };
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const PERSONAL_LINK = `https://teams.microsoft.com/l/chat/0/0?users=28:${APP_ID}`;

type Scope = 'personal' | 'groupChat' | 'channel';
const CONVERSATIONS: Readonly<Record<Scope, Activity['conversation']>> = {
  personal: { id: 'a:personal-chat', conversationType: 'personal', isGroup: false, name: '', tenantId: TENANT },
  groupChat: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, name: '', tenantId: TENANT },
  channel: { id: '19:incident-42@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true, name: '', tenantId: TENANT },
};

let tokenService: FakeTokenService;
let connector: FakeConnector;
let logLines: string[];

beforeEach(async () => {
  [tokenService, connector] = await Promise.all([startFakeTokenService(), startFakeConnector()]);
});
afterEach(async () => {
  await Promise.all([tokenService.close(), connector.close()]);
});
// Every line the bot logged, from every test: none may carry a token or a sign-in code.
const everyLogLine: string[] = [];
afterAll(() => {
  const logged = everyLogLine.join('\n');
  expect(everyLogLine.length).toBeGreaterThan(0);
  for (const secret of ['graph-token', 'defender-token', 'sso-token', '481516', 'exchanged-token']) expect(logged).not.toContain(secret);
});

interface Bot {
  readonly signIn: AnalystSignIn;
  /** One activity through the adapter; `logic` is the bot behind the sign-in middleware. */
  turn(activity: Partial<Activity>, scope?: Scope, logic?: (context: TurnContext) => Promise<void>): Promise<{ invoke?: InvokeResponse; reachedBot: boolean }>;
  tokenFor(audience: TokenAudience, scope?: Scope): Promise<TokenAnswer>;
}

interface BotOptions {
  readonly graph?: string;
  readonly defender?: string;
  /** Undefined: anonymous local mode, no app id configured. */
  readonly botAppId?: string;
}

function startBot({ graph, defender, botAppId }: BotOptions = { graph: GRAPH, defender: DEFENDER, botAppId: APP_ID }): Bot {
  logLines = [];
  const log = createLogger('info', { write: (line: string) => void (logLines.push(line), everyLogLine.push(line)) });
  const adapter = createAdapter(undefined, log, tokenService.url);
  const signIn = new AnalystSignIn({ graphConnection: graph, defenderConnection: defender, tokenServiceUrl: tokenService.url }, botAppId, log);
  adapter.use(signIn);
  const turn: Bot['turn'] = async (activity, scope = 'personal', logic = async () => undefined) => {
    const full = {
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { ...ALICE },
      recipient: { id: `28:${APP_ID}`, name: 'AIR Guide' },
      conversation: CONVERSATIONS[scope],
      channelData: { tenant: { id: TENANT } },
      id: randomUUID(),
      ...activity,
    } as Activity;
    // Anonymous here (no app password to check tokens with), then with the claims Teams' token carries.
    const anonymous = await adapter.authenticate('', full);
    const fromTeams = { ...anonymous, claimsIdentity: new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: APP_ID }], true) };
    let reachedBot = false;
    const invoke = await adapter.runTurn(fromTeams, full, async (context) => {
      reachedBot = true;
      await logic(context);
    });
    return { invoke, reachedBot };
  };
  return {
    signIn,
    turn,
    tokenFor: async (audience, scope = 'personal') => {
      let answer: TokenAnswer | undefined;
      // A confirm click is an invoke; the lead's flow calls tokenFor from it.
      await turn({ type: ActivityTypes.Invoke, name: CARD_ACTION_INVOKE, value: {} }, scope, async (context) => {
        answer = await signIn.tokenFor(context, audience);
      });
      if (!answer) throw new Error('tokenFor did not answer');
      return answer;
    },
  };
}

const posted = () => connector.calls.filter((call) => call.kind === 'post').map((call) => call.activity);
const say = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text });
const mention = (text: string): Partial<Activity> => {
  const tag = '<at>AIR Guide</at>';
  return { type: ActivityTypes.Message, text: `${tag} ${text}`, entities: [{ type: 'mention', mentioned: { id: `28:${APP_ID}`, name: 'AIR Guide' }, text: tag }] };
};
const exchange = (id: string, connectionName: string, token: string): Partial<Activity> => ({
  type: ActivityTypes.Invoke,
  name: tokenExchangeOperationName,
  value: { id, connectionName, token },
});

describe('tokenFor: the analyst already signed in', () => {
  it('returns the token the token service holds for that analyst and connection', async () => {
    const bot = startBot();
    tokenService.giveToken(ALICE.id, GRAPH, 'graph-token');
    tokenService.giveToken(ALICE.id, DEFENDER, 'defender-token');
    expect(await bot.tokenFor('graph')).toEqual({ kind: 'token', token: 'graph-token' });
    expect(await bot.tokenFor('defender', 'channel')).toEqual({ kind: 'token', token: 'defender-token' });
    expect(tokenService.calls.map((c) => [c.method, c.path, c.query])).toEqual([
      ['GET', '/api/usertoken/GetToken', { userId: ALICE.id, connectionName: GRAPH, channelId: 'msteams' }],
      ['GET', '/api/usertoken/GetToken', { userId: ALICE.id, connectionName: DEFENDER, channelId: 'msteams' }],
    ]);
    expect(posted()).toEqual([]);
  });
});

describe('tokenFor: no token yet', () => {
  it('in a personal chat sends an OAuthCard with the sign-in link and the token exchange resource for single sign-on', async () => {
    const bot = startBot();
    const answer = await bot.tokenFor('graph');
    expect(answer).toEqual({ kind: 'sign-in', text: 'Sign in with the card below, then press Confirm again.' });

    const [message, ...more] = posted();
    expect(more).toEqual([]);
    expect(message.conversation).toMatchObject({ id: CONVERSATIONS.personal.id });
    const [attachment] = message.attachments as { contentType: string; content: Record<string, unknown> }[];
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.oauth');
    const [resourceId, resource] = [...tokenService.exchangeResources][0];
    expect(attachment.content).toMatchObject({
      connectionName: GRAPH,
      text: expect.stringContaining('submit items to Microsoft and classify alerts as you'),
      tokenExchangeResource: { id: resourceId, uri: `api://botid-${APP_ID}` },
      buttons: [{ type: 'signin', title: 'Sign in', value: `https://token.botframework.test/api/oauth/signin?signin=${resourceId}` }],
    });
    expect(resource.connectionName).toBe(GRAPH);
    // The SDK's sign-in state names the connection, this bot and this conversation.
    const asked = tokenService.calls.find((c) => c.path === '/api/botsignin/GetSignInResource');
    expect(asked?.signInState).toMatchObject({ connectionName: GRAPH, msAppId: APP_ID, conversation: { conversation: { id: CONVERSATIONS.personal.id } } });
  });

  it.each(['groupChat', 'channel'] as const)('in a %s posts nothing into the thread and points to the personal chat', async (scope) => {
    const bot = startBot();
    const answer = await bot.tokenFor('graph', scope);
    expect(answer.kind).toBe('sign-in');
    expect(answer).toMatchObject({ text: expect.stringContaining(`open our personal chat (${PERSONAL_LINK}), type sign in, then press Confirm here again`) });
    expect(posted()).toEqual([]);
    expect(tokenService.calls.map((c) => c.path)).toEqual(['/api/usertoken/GetToken']);
  });

  it('without a known app id (anonymous local mode) still says where, without a link', async () => {
    const bot = startBot({ graph: GRAPH });
    const answer = await bot.tokenFor('graph', 'channel');
    expect(answer).toMatchObject({ kind: 'sign-in', text: expect.stringContaining('open your personal chat with me, type sign in') });
    expect(answer).not.toMatchObject({ text: expect.stringContaining('https://') });
  });

  it('for the Defender API with no connection set up says so and asks the token service nothing', async () => {
    const bot = startBot({ graph: GRAPH, botAppId: APP_ID });
    expect(await bot.tokenFor('defender')).toMatchObject({ kind: 'sign-in', text: expect.stringContaining('DEFENDER_OAUTH_CONNECTION_NAME') });
    expect(tokenService.calls).toEqual([]);
    expect(posted()).toEqual([]);
  });

  it('when the token service refuses the bot, says to try again, sends no card, and logs only the status', async () => {
    const bot = startBot();
    tokenService.failWith(401);
    expect(await bot.tokenFor('graph')).toEqual({ kind: 'sign-in', text: 'The sign-in service did not answer just now: try again in a minute.' });
    expect(posted()).toEqual([]);
    const warning = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.level === 'warn');
    expect(warning).toMatchObject({ status: 401, audience: 'graph' });
    expect(JSON.stringify(warning)).not.toContain(ALICE.id);
  });
});

describe('signin/tokenExchange (Teams single sign-on)', () => {
  it('exchanges the Teams token through the token service: 200, and the next Confirm finds the token', async () => {
    const bot = startBot();
    tokenService.acceptExchange('sso-token', GRAPH, 'exchanged-token');
    const { invoke, reachedBot } = await bot.turn(exchange('exchange-1', GRAPH, 'sso-token'));
    expect(invoke).toEqual({ status: 200, body: { id: 'exchange-1', connectionName: GRAPH } });
    expect(reachedBot).toBe(false);
    expect(tokenService.calls).toEqual([
      { method: 'POST', path: '/api/usertoken/exchange', query: { userId: ALICE.id, connectionName: GRAPH, channelId: 'msteams' }, body: { token: 'sso-token' } },
    ]);
    expect(await bot.tokenFor('graph')).toEqual({ kind: 'token', token: 'exchanged-token' });
    expect(posted()).toEqual([]);
  });

  it('answers 412 with the TokenExchangeInvokeResponse when the exchange is refused (consent needed), so Teams shows the sign-in button', async () => {
    const bot = startBot();
    const { invoke } = await bot.turn(exchange('exchange-2', GRAPH, 'sso-token'));
    expect(invoke).toEqual({ status: 412, body: { id: 'exchange-2', connectionName: GRAPH, failureDetail: expect.stringContaining('sign in with the card') } });
  });

  it('handles the same exchange from two of the analyst\'s Teams clients once', async () => {
    const bot = startBot();
    tokenService.acceptExchange('sso-token', DEFENDER, 'exchanged-token');
    const [desktop, phone] = await Promise.all([bot.turn(exchange('exchange-3', DEFENDER, 'sso-token')), bot.turn(exchange('exchange-3', DEFENDER, 'sso-token'))]);
    expect(desktop.invoke?.status).toBe(200);
    expect(phone.invoke?.status).toBe(200);
    expect(tokenService.calls.filter((c) => c.path === '/api/usertoken/exchange')).toHaveLength(1);
  });

  it.each([
    ['a connection that is not this bot\'s', { id: 'x', connectionName: 'someone-elses', token: 'sso-token' }],
    ['no token', { id: 'x', connectionName: GRAPH }],
    ['no value at all', undefined],
  ])('refuses %s with 400 and asks the token service nothing', async (_case, value) => {
    const bot = startBot();
    const { invoke } = await bot.turn({ type: ActivityTypes.Invoke, name: tokenExchangeOperationName, value });
    expect(invoke?.status).toBe(400);
    expect(tokenService.calls).toEqual([]);
  });
});

describe('signin/verifyState (sign-in through the card\'s button)', () => {
  it('redeems the code on the connection that issued it: 200, and the token is there', async () => {
    const bot = startBot();
    tokenService.issueCode('481516', ALICE.id, DEFENDER, 'defender-token');
    const { invoke, reachedBot } = await bot.turn({ type: ActivityTypes.Invoke, name: verifyStateOperationName, value: { state: '481516' } });
    expect(invoke).toEqual({ status: 200 });
    expect(reachedBot).toBe(false);
    expect(tokenService.calls.filter((c) => c.query.code === '481516').map((c) => c.query.connectionName).sort()).toEqual([DEFENDER, GRAPH]);
    expect(await bot.tokenFor('defender')).toEqual({ kind: 'token', token: 'defender-token' });
    expect(await bot.tokenFor('graph')).toMatchObject({ kind: 'sign-in' });
  });

  it('answers 404 for a code nobody issued, and 400 for no code', async () => {
    const bot = startBot();
    expect((await bot.turn({ type: ActivityTypes.Invoke, name: verifyStateOperationName, value: { state: '000000' } })).invoke).toEqual({ status: 404 });
    expect((await bot.turn({ type: ActivityTypes.Invoke, name: verifyStateOperationName, value: {} })).invoke).toEqual({ status: 400 });
  });
});

describe('signin/failure (single sign-on failed in the Teams client)', () => {
  it('answers 200 and logs the code for the admin, nothing else', async () => {
    const bot = startBot();
    const { invoke, reachedBot } = await bot.turn({ type: ActivityTypes.Invoke, name: SIGN_IN_FAILURE_INVOKE, value: { code: 'resourcematchfailed', message: 'Resource match failed' } });
    expect(invoke).toEqual({ status: 200 });
    expect(reachedBot).toBe(false);
    expect(logLines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ level: 'warn', code: 'resourcematchfailed' }));
  });
});

describe('typed sign in and sign out', () => {
  it('sign in in the personal chat sends a card for each connection without a token', async () => {
    const bot = startBot();
    tokenService.giveToken(ALICE.id, GRAPH, 'graph-token');
    const { reachedBot } = await bot.turn(say('Sign in'));
    expect(reachedBot).toBe(false);
    const cards = posted().map((m) => (m.attachments as { content: { connectionName: string } }[])[0].content.connectionName);
    expect(cards).toEqual([DEFENDER]);
  });

  it('sign in when already signed in says so', async () => {
    const bot = startBot();
    tokenService.giveToken(ALICE.id, GRAPH, 'graph-token');
    tokenService.giveToken(ALICE.id, DEFENDER, 'defender-token');
    await bot.turn(say('sign in'));
    expect(posted().map((m) => m.text)).toEqual(['You are already signed in: actions from Teams run as you.']);
  });

  it('sign in in a channel posts no card there, only where to sign in', async () => {
    const bot = startBot();
    await bot.turn(mention('sign in'), 'channel');
    expect(posted().map((m) => [m.text, m.attachments])).toEqual([[expect.stringContaining(PERSONAL_LINK), undefined]]);
  });

  it('sign out signs the analyst out of both connections; the next Confirm asks to sign in again', async () => {
    const bot = startBot();
    tokenService.giveToken(ALICE.id, GRAPH, 'graph-token');
    tokenService.giveToken(ALICE.id, DEFENDER, 'defender-token');
    await bot.turn(mention('sign out'), 'groupChat');
    expect(tokenService.calls.filter((c) => c.method === 'DELETE').map((c) => [c.path, c.query])).toEqual([
      ['/api/usertoken/SignOut', { userId: ALICE.id, connectionName: GRAPH, channelId: 'msteams' }],
      ['/api/usertoken/SignOut', { userId: ALICE.id, connectionName: DEFENDER, channelId: 'msteams' }],
    ]);
    expect(posted().map((m) => m.text)).toEqual(['Signed out: the next action from Teams asks you to sign in again.']);
    expect(await bot.tokenFor('graph')).toMatchObject({ kind: 'sign-in', text: 'Sign in with the card below, then press Confirm again.' });
  });

  it('anything else goes on to the bot, and the token service is not asked', async () => {
    const bot = startBot();
    expect((await bot.turn(say('report'))).reachedBot).toBe(true);
    expect((await bot.turn(say('sign in please, then report'))).reachedBot).toBe(true);
    expect((await bot.turn(say('sign out'), 'channel')).reachedBot).toBe(true); // not addressed to the bot: no mention
    expect(tokenService.calls).toEqual([]);
  });
});
