import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { buttonsOf, Json, textOf } from '../../tools/cardReader';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, CardOnScreen, clickAnswerOf, deliver } from '../faults/support/analystChat';
import { FakeSecurityApis, startFakeSecurityApis } from '../support/fakeSecurityApis';
import { FakeTokenService, startFakeTokenService } from '../support/fakeTokenService';

/**
 * DIRECT_ACTIONS=on through the real bot process, against a local Microsoft Graph and Defender for
 * Endpoint API that check every request's shape, and a local Bot Framework token service: the
 * analyst's own token, one request per confirmation, the result in the confirmation's place.
 */

const PASTED = "hxxps://contoso-login[.]example/verify was blocked in an email, it's clean";
const SUBMIT = 'Submit the URL from Teams';
const GRAPH_CONNECTION = 'graph-connection';

let connector: FakeConnector;
let apis: FakeSecurityApis;
let tokens: FakeTokenService;
let bot: BotProcess;

beforeAll(async () => {
  [connector, apis, tokens] = await Promise.all([startFakeConnector(), startFakeSecurityApis(), startFakeTokenService()]);
  bot = await startBotProcess({
    env: {
      STORAGE: 'memory',
      LOG_LEVEL: 'info',
      DIRECT_ACTIONS: 'on',
      OAUTH_CONNECTION_NAME: GRAPH_CONNECTION,
      DEFENDER_OAUTH_CONNECTION_NAME: 'defender-connection',
      OAUTH_API_URL: tokens.url,
      GRAPH_BASE_URL: apis.baseUrl,
      DEFENDER_API_BASE_URL: apis.baseUrl,
    },
  });
});

afterAll(async () => {
  await bot?.stop();
  await Promise.all([connector?.close(), apis?.close(), tokens?.close()]);
});

beforeEach(() => {
  apis.calls.length = 0;
});

const cardOf = (activity: { attachments?: unknown }): Json => (activity.attachments as { content: Json }[])[0].content;

/** The URL's confirmation, three clicks from the pasted text's evidence card. */
const confirmationIn = (chat: AnalystChat): Promise<CardOnScreen> => confirmationFor(chat, PASTED, SUBMIT);

/**
 * Pasted text, the proposal taken, then the action's button: the confirmation, posted as a new card
 * below the answer (a card for anyone). In a thread the answer also posted the record card before it.
 */
async function confirmationFor(chat: AnalystChat, pasted: string, actionButton: string): Promise<CardOnScreen> {
  const evidence = await chat.sayForCard(bot.url, pasted);
  const answer = await chat.clickForCard(bot.url, evidence, 'Yes, show me what to do');
  expect(clickAnswerOf(await deliver(bot.url, chat.click(answer, actionButton)))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
  return nextNonRecordCard(chat.conversationId);
}

/** In a thread the answer also posted the thread's record card: the next card that is not it. */
async function nextNonRecordCard(thread: string): Promise<CardOnScreen> {
  for (;;) {
    const posted = await connector.nextReply(thread);
    const card = cardOf(posted.activity);
    if (!buttonsOf(card).some((b) => b.title === 'Copy for the ticket')) return { card, messageId: posted.activityId };
  }
}

/** A signed-in analyst in a personal chat with the bot. */
function signedInChat(): AnalystChat {
  const chat = new AnalystChat(connector);
  tokens.giveToken(chat.analyst.id, GRAPH_CONNECTION, `token-of-${chat.analyst.id}`);
  return chat;
}

/** The card that took the confirmation's place once the services answered. */
async function resultIn(chat: AnalystChat, confirmation: CardOnScreen): Promise<Json> {
  const update = await connector.nextReply(chat.conversationId);
  expect(update).toMatchObject({ kind: 'update', activityId: confirmation.messageId });
  return cardOf(update.activity);
}

describe('DIRECT_ACTIONS=on', () => {
  it('three clicks from pasted evidence send one request with the right body, as the analyst, and the result card shows the submission id', async () => {
    const chat = signedInChat();
    const confirmation = await confirmationIn(chat);
    expect(textOf(confirmation.card)).toContain('hxxps[://]contoso-login[.]example/verify');
    expect(textOf(confirmation.card)).not.toContain('Dry run');

    const sending = await chat.clickForCard(bot.url, confirmation, 'Confirm');
    expect(textOf(sending.card)).toContain('Being sent');

    const result = await resultIn(chat, confirmation);
    expect(apis.problems).toEqual([]);
    expect(apis.calls).toEqual([
      {
        method: 'POST',
        path: '/beta/security/threatSubmission/urlThreats',
        authorization: `Bearer token-of-${chat.analyst.id}`,
        body: { '@odata.type': '#microsoft.graph.security.urlThreatSubmission', category: 'notJunk', webUrl: 'https://contoso-login.example/verify' },
      },
    ]);
    expect(textOf(result)).toContain('Done');
    expect(textOf(result)).toMatch(/returned the id [0-9a-f-]{36}/);
    expect(buttonsOf(result).map((b) => b.title)).toEqual(['Open in the Defender portal']);
    // The log names the action, the outcome and the id: never the token, the URL or the analyst's text.
    expect(bot.output()).toMatch(/"action":"submit-url","outcome":"done","returnedId":"[0-9a-f-]{36}"/);
    expect(bot.output()).not.toContain('token-of-');
    expect(bot.output()).not.toContain('contoso-login');
  });

  it('a double click sends one request; a click after the result shows the result again', async () => {
    const chat = signedInChat();
    const confirmation = await confirmationIn(chat);
    const [first, second] = await Promise.all([deliver(bot.url, chat.click(confirmation, 'Confirm')), deliver(bot.url, chat.click(confirmation, 'Confirm'))]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const result = await resultIn(chat, confirmation);
    expect(apis.calls).toHaveLength(1);
    const later = await chat.clickForCard(bot.url, confirmation, 'Confirm');
    expect(later.card).toEqual(result);
    expect(apis.calls).toHaveLength(1);
  });

  it('an analyst not signed in is told why nothing was sent, and nothing is sent until they confirm again signed in', async () => {
    const chat = new AnalystChat(connector);
    const confirmation = await confirmationIn(chat);
    // Anonymous local mode: no app id, so no sign-in card (the SDK-level sign-in tests cover the card with one).
    const answer = clickAnswerOf(await deliver(bot.url, chat.click(confirmation, 'Confirm')));
    expect(answer).toEqual({ kind: 'message', text: expect.stringContaining('without a Microsoft App ID') });
    expect(apis.calls).toEqual([]);

    tokens.giveToken(chat.analyst.id, GRAPH_CONNECTION, 'token-after-sign-in');
    expect(textOf((await chat.clickForCard(bot.url, confirmation, 'Confirm')).card)).toContain('Being sent');
    expect(textOf(await resultIn(chat, confirmation))).toContain('Done');
    expect(apis.calls.map((c) => c.authorization)).toEqual(['Bearer token-after-sign-in']);
  });

  it('typed sign in, in local mode without an app id, says why no sign-in card can come', async () => {
    const chat = new AnalystChat(connector);
    const reply = await chat.say(bot.url, 'sign in');
    expect(reply.text).toContain('without a Microsoft App ID');
  });

  it('in a group chat an analyst not signed in is sent to their personal chat; nothing is posted in the group', async () => {
    const group = `19:group-on-${Date.now()}@thread.v2`;
    const chat = new AnalystChat(connector, { thread: group, analyst: { id: '29:gina', name: 'Gina Analyst' } });
    const confirmation = await confirmationIn(chat);
    const callsBefore = connector.calls.length;
    const refused = clickAnswerOf(await deliver(bot.url, chat.click(confirmation, 'Confirm')));
    expect(refused).toEqual({ kind: 'message', text: expect.stringContaining('open your personal chat with me, type sign in') });
    expect(connector.calls.length).toBe(callsBefore);
    expect(apis.calls).toEqual([]);
  });

  it('typing cancel while the confirmation is open cancels it: its Confirm then sends nothing', async () => {
    const chat = signedInChat();
    const confirmation = await confirmationIn(chat);
    await chat.say(bot.url, 'cancel');
    const late = await chat.clickForCard(bot.url, confirmation, 'Confirm');
    expect(textOf(late.card)).toContain('Cancelled: nothing was sent');
    expect(apis.calls).toEqual([]);
  });

  it.each<[string, Parameters<FakeSecurityApis['script']>, RegExp]>([
    ['403', [{ status: 403 }], /refused \(403\): you need the permission ThreatSubmission\.ReadWrite/],
    ['401', [{ status: 401 }], /did not accept your sign-in \(401\)/],
    ['429 three times', [{ status: 429, retryAfter: '0' }, { status: 429, retryAfter: '0' }, { status: 429, retryAfter: '120' }], /throttling requests \(429\)\. Nothing was done; try again in 2 minutes/],
    ['500 three times', [{ status: 500 }, { status: 500 }, { status: 500 }], /failed \(500\) each time it was tried/],
  ])('%s: the result says so in plain words and nothing is recorded as done', async (_name, answers, text) => {
    apis.script(...answers);
    const chat = signedInChat();
    const confirmation = await confirmationIn(chat);
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await resultIn(chat, confirmation);
    expect(textOf(result)).toContain('Not done');
    expect(textOf(result)).toMatch(text);
    expect(buttonsOf(result)).toEqual([]);
  });

  it('a 429 answered again after Retry-After is tried again, and then done', async () => {
    apis.script({ status: 429, retryAfter: '1' });
    const chat = signedInChat();
    const confirmation = await confirmationIn(chat);
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    expect(textOf(await resultIn(chat, confirmation))).toContain('Done');
    expect(apis.calls).toHaveLength(2);
  });
});

describe('DIRECT_ACTIONS=on: the other actions', () => {
  it('classify the alert: the alert is resolved as a false positive, then a comment links the thread; the result shows the alert id', async () => {
    const chat = signedInChat();
    const alertId = 'da637551227677560813_-961444813';
    const confirmation = await confirmationFor(chat, `alert https://security.microsoft.com/alerts/${alertId} flagged hxxps://contoso-login[.]example/verify in an email, it's clean`, 'Classify the alert from Teams');
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await resultIn(chat, confirmation);
    expect(apis.problems).toEqual([]);
    expect(apis.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH /v1.0/security/alerts_v2/${alertId}`, `POST /v1.0/security/alerts_v2/${alertId}/comments`]);
    expect(apis.calls[0].body).toEqual({ classification: 'falsePositive', determination: 'notMalicious', status: 'resolved' });
    expect(apis.calls[1].body.comment).toContain('Riley Analyst');
    // Markdown escapes the underscore; Teams shows the id as it is.
    expect(textOf(result)).toContain(`returned the id ${alertId.replace('_', '\\_')}`);
  });

  it('classify an alert the tenant does not have: 404 says the alert was not found, and nothing else is sent', async () => {
    apis.script({ status: 404 });
    const chat = signedInChat();
    const confirmation = await confirmationFor(chat, "alert https://security.microsoft.com/alerts/da000000000000000000_-1 flagged hxxps://contoso-login[.]example/verify in an email, it's clean", 'Classify the alert from Teams');
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await resultIn(chat, confirmation);
    expect(textOf(result)).toContain('Not done');
    expect(textOf(result)).toMatch(/found nothing for the alert .*\(404\)/);
    expect(apis.calls.map((c) => c.method)).toEqual(['PATCH']);
  });

  it("allow indicator: sent to Defender for Endpoint with the analyst's Defender token, and the result shows the indicator id", async () => {
    const chat = signedInChat();
    tokens.giveToken(chat.analyst.id, 'defender-connection', 'defender-token');
    const confirmation = await confirmationFor(chat, "10.20.30.40 is blocked on endpoints as malicious, it's our update server, please allow", 'Add the allow indicator from Teams');
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await resultIn(chat, confirmation);
    expect(apis.problems).toEqual([]);
    expect(apis.calls).toEqual([expect.objectContaining({ method: 'POST', path: '/api/indicators', authorization: 'Bearer defender-token', body: expect.objectContaining({ indicatorValue: '10.20.30.40', indicatorType: 'IpAddress', action: 'Allowed' }) })]);
    expect(textOf(result)).toContain('returned the id 995');
  });

  it('with on, forged clicks after a missed threat (its adjust answer, then an allow indicator) get no confirmation and send nothing', async () => {
    const chat = signedInChat();
    tokens.giveToken(chat.analyst.id, 'defender-connection', 'defender-token');
    const evidence = await chat.sayForCard(bot.url, '10.20.30.40 was missed by AIR, it is malicious and still reachable from endpoints');
    // Forged clicks: the adjust answer for "treated as malware on a device", then its allow indicator.
    const forge = (data: Json) => ({ ...chat.click(evidence, /./), value: { action: { type: 'Action.Execute', verb: String((data as { verb: string }).verb), data } } });
    const forgedAnswer = clickAnswerOf(await deliver(bot.url, forge({ verb: 'adjust.scenario', scenario: 'malware-on-device' })));
    expect(forgedAnswer.kind).toBe('card');
    const answer = clickAnswerOf(await deliver(bot.url, forge({ verb: 'act.start', kind: 'allow-indicator' })));
    // A click on a card for anyone is answered with a new card below it.
    expect(answer).toEqual({ kind: 'message', text: 'Done: see the new card.' });
    const card = cardOf((await connector.nextReply(chat.conversationId)).activity);
    expect(buttonsOf(card).map((b) => b.title)).not.toContain('Confirm');
    expect(textOf(card)).toMatch(/no longer open|only for something wrongly detected/);
    expect(apis.calls).toEqual([]);
  });
});

describe('DIRECT_ACTIONS=on in an incident channel', () => {
  it("another analyst cannot confirm; the owner's confirm goes out with her token, and the record card gets the action with its id", async () => {
    const thread = `19:direct-on-${Date.now()}@thread.tacv2;messageid=1700000000000`;
    const chat = new AnalystChat(connector, { thread, analyst: { id: '29:alice', name: 'Alice Analyst' } });
    tokens.giveToken(chat.analyst.id, GRAPH_CONNECTION, 'alice-token');
    const confirmation = await confirmationIn(chat);
    // Bob, in the same thread and signed in, cannot confirm Alice's action.
    const bob = new AnalystChat(connector, { thread, analyst: { id: '29:bob', name: 'Bob Responder' } });
    tokens.giveToken(bob.analyst.id, GRAPH_CONNECTION, 'bob-token');
    expect(clickAnswerOf(await deliver(bot.url, bob.click(confirmation, 'Confirm')))).toEqual({ kind: 'message', text: expect.stringContaining('Alice Analyst') });
    expect(apis.calls).toEqual([]);

    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await connector.nextReply(thread);
    expect(apis.calls.map((c) => c.authorization)).toEqual(['Bearer alice-token']);
    expect(result).toMatchObject({ kind: 'update', activityId: confirmation.messageId });
    const returnedId = /returned the id ([0-9a-f-]{36})/.exec(textOf(cardOf(result.activity)))?.[1];
    const recordUpdate = await connector.nextReply(thread);
    expect(recordUpdate.kind).toBe('update');
    const record = textOf(cardOf(recordUpdate.activity));
    expect(record).toContain('From Teams: Submit the URL to Microsoft');
    expect(record).toContain(returnedId);
  });
});

describe('DIRECT_ACTIONS=on: a second confirmation while one is being sent', () => {
  /** The latest record card this thread's calls show, once it satisfies `shows`. */
  async function recordCardShowing(thread: string, shows: (text: string) => boolean): Promise<string> {
    const recordTexts = () =>
      connector.calls
        .filter((c) => c.conversationId === thread && buttonsOf(cardOf(c.activity)).some((b) => b.title === 'Copy for the ticket'))
        .map((c) => textOf(cardOf(c.activity)));
    for (let waited = 0; waited < 10_000; waited += 50) {
      const latest = recordTexts().at(-1);
      if (latest !== undefined && shows(latest)) return latest;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no record card showed what was expected; the latest: ${recordTexts().at(-1)}`);
  }

  it('is refused with a clear line; the first send, answered 201 after it, is shown done and recorded once', async () => {
    const thread = `19:direct-race-${Date.now()}@thread.tacv2;messageid=1700000000001`;
    const chat = new AnalystChat(connector, { thread, analyst: { id: '29:alice', name: 'Alice Analyst' } });
    tokens.giveToken(chat.analyst.id, GRAPH_CONNECTION, 'alice-token');
    const evidence = await chat.sayForCard(bot.url, PASTED);
    const answer = await chat.clickForCard(bot.url, evidence, 'Yes, show me what to do');
    expect(clickAnswerOf(await deliver(bot.url, chat.click(answer, SUBMIT)))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
    const confirmation = await nextNonRecordCard(thread);

    apis.script('hold');
    expect(textOf((await chat.clickForCard(bot.url, confirmation, 'Confirm')).card)).toContain('Being sent');
    for (let waited = 0; apis.calls.length === 0 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(apis.calls).toHaveLength(1);

    // The request is at Graph: the same answer's button again opens no second confirmation.
    expect(clickAnswerOf(await deliver(bot.url, chat.click(answer, SUBMIT)))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
    const refused = await nextNonRecordCard(thread);
    expect(textOf(refused.card)).toMatch(/still being sent: wait for its result/);
    expect(buttonsOf(refused.card)).toEqual([]);

    apis.release();
    let result;
    do result = await connector.nextReply(thread, 15_000);
    while (!(result.kind === 'update' && result.activityId === confirmation.messageId));
    const resultText = textOf(cardOf(result.activity));
    expect(resultText).toContain('Done');
    const returnedId = /returned the id ([0-9a-f-]{36})/.exec(resultText)?.[1];
    expect(returnedId).toBeDefined();

    const record = await recordCardShowing(thread, (text) => text.includes(returnedId!));
    console.log(`record after the double-confirmation race:\n${record}`);
    expect(record.split(returnedId!)).toHaveLength(2);
    expect(record).toContain('2 things finished in this thread');
    expect(apis.calls).toHaveLength(1);

    // Once the first has its result, the button opens a new confirmation again.
    expect(clickAnswerOf(await deliver(bot.url, chat.click(answer, SUBMIT)))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
    const next = await nextNonRecordCard(thread);
    expect(buttonsOf(next.card).map((b) => b.title)).toContain('Confirm');
  });
});
