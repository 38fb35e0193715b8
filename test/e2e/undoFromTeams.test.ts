import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { buttonsOf, Json, textOf } from '../../tools/cardReader';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, CardOnScreen, clickAnswerOf, deliver } from '../faults/support/analystChat';
import { FakeSecurityApis, startFakeSecurityApis } from '../support/fakeSecurityApis';
import { FakeTokenService, startFakeTokenService } from '../support/fakeTokenService';

/**
 * Undo from Teams (issue 27) through the real bot process, against a local Defender for Endpoint API
 * and Microsoft Graph that check every request's method, path, headers and body and play machine
 * actions to their end: DIRECT_ACTIONS=on and dry-run, from pasted evidence and from the walk.
 */

const GRAPH = 'graph-connection';
const DEFENDER = 'defender-connection';
const APPROVERS = '7f3d9a1e-4b2c-4d8e-9f10-2a3b4c5d6e7f';
const DEVICE_ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const OTHER_DEVICE_ID = '2f6cd0e8f524eee8a13d3a43f529813c95e1dd18';
const MESSAGE_ID = '73ca4154-58d8-43d0-a890-08dc18c52e6d';
const ISOLATED = 'AIR isolated FIN-LAPTOP-7 but it was a false positive';
const RELEASE = 'Release it from isolation from Teams';
const EMAIL = `network message id ${MESSAGE_ID} to hannah.jarvis@contoso.com was soft deleted by mistake, put the email back`;
const MOVE_BACK = 'Move it back to the inbox from Teams';

let connector: FakeConnector;
let apis: FakeSecurityApis;
let tokens: FakeTokenService;
let bot: BotProcess;
let dryRun: BotProcess;

const env = (mode: string): Record<string, string> => ({
  STORAGE: 'memory',
  LOG_LEVEL: 'info',
  DIRECT_ACTIONS: mode,
  OAUTH_CONNECTION_NAME: GRAPH,
  DEFENDER_OAUTH_CONNECTION_NAME: DEFENDER,
  OAUTH_API_URL: tokens.url,
  GRAPH_BASE_URL: apis.baseUrl,
  DEFENDER_API_BASE_URL: apis.baseUrl,
  UNDO_EMAIL_APPROVERS_GROUP_ID: APPROVERS,
  UNDO_POLL_INTERVAL_MS: '20',
  UNDO_POLL_LIMIT_MS: '400',
});

beforeAll(async () => {
  [connector, apis, tokens] = await Promise.all([startFakeConnector(), startFakeSecurityApis(), startFakeTokenService()]);
  [bot, dryRun] = await Promise.all([startBotProcess({ env: env('on') }), startBotProcess({ env: env('dry-run') })]);
  apis.machines.push({ id: DEVICE_ID, computerDnsName: 'fin-laptop-7.contoso.com' });
});

afterAll(async () => {
  await Promise.all([bot?.stop(), dryRun?.stop()]);
  await Promise.all([connector?.close(), apis?.close(), tokens?.close()]);
});

beforeEach(() => {
  apis.calls.length = 0;
  apis.problems.length = 0;
  apis.machineActionsGo(['Pending', 'InProgress', 'Succeeded']);
});

const cardOf = (activity: { attachments?: unknown }): Json => (activity.attachments as { content: Json }[])[0].content;
const titlesOf = (card: Json): string[] => buttonsOf(card).map((b) => b.title);
const callsMade = (): string[] => apis.calls.map((c) => `${c.method} ${c.path}`);

/** A signed-in analyst in a personal chat (or `thread`), with a Graph and a Defender token of their own. */
function signedIn(place: ConstructorParameters<typeof AnalystChat>[1] = {}): AnalystChat {
  const chat = new AnalystChat(connector, place);
  tokens.giveToken(chat.analyst.id, GRAPH, `token-of-${chat.analyst.id}`);
  tokens.giveToken(chat.analyst.id, DEFENDER, `token-of-${chat.analyst.id}-for-defender`);
  return chat;
}

/** In a thread, the answers also post the record card: the next card that is not it. */
async function nextCard(thread: string): Promise<CardOnScreen & { kind: string }> {
  for (;;) {
    const posted = await connector.nextReply(thread);
    const card = cardOf(posted.activity);
    if (!titlesOf(card).includes('Copy for the ticket')) return { card, messageId: posted.activityId, kind: posted.kind };
  }
}

/** Pasted text, the proposal taken: the undo walk's first card, in the evidence card's place (click 1). */
async function undoCardFor(chat: AnalystChat, text: string, target: BotProcess = bot): Promise<CardOnScreen> {
  const evidence = await chat.sayForCard(target.url, text);
  return chat.clickForCard(target.url, evidence, 'Yes, show me what to do');
}

/** An undo button on the walk's card (click 2): its answer is a new card, and the walk's card stays. */
async function startUndo(chat: AnalystChat, undoCard: CardOnScreen, button: string, target: BotProcess = bot): Promise<CardOnScreen> {
  expect(clickAnswerOf(await deliver(target.url, chat.click(undoCard, button)))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
  return nextCard(chat.conversationId);
}

/** What took the place of `card` next. */
async function updateOf(chat: AnalystChat, card: CardOnScreen): Promise<Json> {
  const update = await nextCard(chat.conversationId);
  expect(update).toMatchObject({ kind: 'update', messageId: card.messageId });
  return update.card;
}

describe('DIRECT_ACTIONS=on: releasing a device AIR isolated', () => {
  it('three clicks from "AIR isolated FIN-LAPTOP-7 but it was a false positive": one unisolate, as the analyst, followed to Succeeded', async () => {
    const chat = signedIn();
    const undoCard = await undoCardFor(chat, ISOLATED);
    expect(textOf(undoCard.card)).toContain('FIN-LAPTOP-7');
    expect(titlesOf(undoCard.card)).toEqual(expect.arrayContaining([RELEASE, 'Lift the app restriction from Teams', 'I have them, continue']));

    const finding = await startUndo(chat, undoCard, RELEASE);
    expect(textOf(finding.card)).toContain('which device has that name');
    const confirmation = { card: await updateOf(chat, finding), messageId: finding.messageId };
    expect(textOf(confirmation.card)).toContain('fin-laptop-7.contoso.com');
    expect(textOf(confirmation.card)).toContain(DEVICE_ID);
    expect(textOf(confirmation.card)).toContain('Riley Analyst, with your own sign-in');

    expect(textOf((await chat.clickForCard(bot.url, confirmation, 'Confirm')).card)).toContain('Being sent');
    const result = await updateOf(chat, confirmation);
    expect(apis.problems).toEqual([]);
    expect(callsMade().filter((c) => c.startsWith('POST'))).toEqual([`POST /api/machines/${DEVICE_ID}/unisolate`]);
    expect(decodeURIComponent(callsMade()[0])).toBe("GET /api/machines?$filter=computerDnsName eq 'FIN-LAPTOP-7'");
    expect(callsMade().filter((c) => c.startsWith('GET /api/machineactions/'))).toHaveLength(3);
    expect(apis.calls.every((c) => c.authorization === `Bearer token-of-${chat.analyst.id}-for-defender`)).toBe(true);
    expect(apis.calls[1].body.Comment).toContain('Riley Analyst');
    expect(textOf(result)).toContain('Done');
    expect(textOf(result)).toMatch(/returned the id [0-9a-f-]{36}: Succeeded/);
    expect(titlesOf(result)).toEqual(['Open in the Defender portal']);
    expect(bot.output()).toMatch(/"action":"unisolate-device","outcome":"done","returnedId":"[0-9a-f-]{36}"/);
    expect(bot.output()).not.toContain('FIN-LAPTOP-7');
  });

  it('a name that fits two devices is a choice; the one picked is confirmed by its id', async () => {
    apis.machines.push({ id: OTHER_DEVICE_ID, computerDnsName: 'twin-pc-9.fabrikam.com' }, { id: 'aaaa' + OTHER_DEVICE_ID.slice(4), computerDnsName: 'twin-pc-9.contoso.com' });
    const chat = signedIn();
    const finding = await startUndo(chat, await undoCardFor(chat, 'please release TWIN-PC-9 from isolation, AIR isolated it by mistake'), RELEASE);
    const choice = { card: await updateOf(chat, finding), messageId: finding.messageId };
    expect(textOf(choice.card)).toContain('which device?');
    const confirmation = await chat.clickForCard(bot.url, choice, /^twin-pc-9\.contoso\.com/);
    expect(textOf(confirmation.card)).toContain('aaaa' + OTHER_DEVICE_ID.slice(4));
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    await updateOf(chat, confirmation);
    expect(callsMade().filter((c) => c.startsWith('POST'))).toEqual([`POST /api/machines/aaaa${OTHER_DEVICE_ID.slice(4)}/unisolate`]);
  });

  it('a name Defender does not know: nothing can be sent, and the card says so', async () => {
    const chat = signedIn();
    const finding = await startUndo(chat, await undoCardFor(chat, 'release GHOST-PC-1 from isolation, it was a false positive'), RELEASE);
    const answer = await updateOf(chat, finding);
    expect(textOf(answer)).toContain('knows no device named GHOST-PC-1');
    expect(titlesOf(answer)).not.toContain('Confirm');
    expect(callsMade().every((c) => c.startsWith('GET'))).toBe(true);
  });

  it.each<[string, readonly string[], RegExp]>([
    ['a machine action that fails', ['Pending', 'Failed'], /Not done[\s\S]*ended Failed/],
    ['one that never ends', ['Pending', 'InProgress'], /still running \\?\(InProgress\\?\), see the Action center/],
  ])('%s: the card says where it ended, with the machine action id', async (_name, script, expected) => {
    apis.machineActionsGo(script);
    const chat = signedIn();
    const device = `device id ${DEVICE_ID} was isolated by mistake, release it`;
    const confirmation = await startUndo(chat, await undoCardFor(chat, device), RELEASE);
    // Known by its id: no lookup, the confirmation comes at once.
    expect(textOf(confirmation.card)).toContain(DEVICE_ID);
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    expect(textOf(await updateOf(chat, confirmation))).toMatch(expected);
    expect(callsMade().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('400 because another action is in progress is said in plain words', async () => {
    apis.script({ status: 400 });
    const chat = signedIn();
    const confirmation = await startUndo(chat, await undoCardFor(chat, `device id ${DEVICE_ID} was isolated by mistake, release it`), 'Lift the app restriction from Teams');
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = textOf(await updateOf(chat, confirmation));
    expect(result).toContain('Not done');
    expect(result).toContain('another action on this device is probably still in progress');
    expect(callsMade()).toEqual([`POST /api/machines/${DEVICE_ID}/unrestrictCodeExecution`]);
  });

  it('a missed threat is never offered an undo, whatever a forged click says', async () => {
    const chat = signedIn();
    const undoCard = await undoCardFor(chat, 'AIR missed the malware on FIN-LAPTOP-7, it was not blocked, undo what it did');
    expect(titlesOf(undoCard.card)).not.toContain(RELEASE);
    const forged = { ...chat.click(undoCard, 'I have them, continue'), value: { action: { type: 'Action.Execute', verb: 'act.start', data: { verb: 'act.start', kind: 'unisolate-device' } } } };
    expect(clickAnswerOf(await deliver(bot.url, forged))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
    const card = (await nextCard(chat.conversationId)).card;
    expect(titlesOf(card)).not.toContain('Confirm');
    expect(apis.calls).toEqual([]);
  });

  it("in an incident channel another analyst cannot confirm; the record card gets the undo with the machine action's id", async () => {
    const thread = `19:undo-${Date.now()}@thread.tacv2;messageid=1700000000001`;
    const alice = signedIn({ thread, analyst: { id: '29:alice-undo', name: 'Alice Analyst' } });
    // Another device than the tests above: Defender refuses a second release while one is still running.
    const confirmation = await startUndo(alice, await undoCardFor(alice, `device id ${OTHER_DEVICE_ID} was isolated by mistake, release it`), RELEASE);
    const bob = signedIn({ thread, analyst: { id: '29:bob-undo', name: 'Bob Responder' } });
    expect(clickAnswerOf(await deliver(bot.url, bob.click(confirmation, 'Confirm')))).toEqual({ kind: 'message', text: expect.stringContaining('Alice Analyst') });
    expect(apis.calls).toEqual([]);

    await alice.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await connector.nextReply(thread);
    expect(result).toMatchObject({ kind: 'update', activityId: confirmation.messageId });
    const id = /returned the id ([0-9a-f-]{36})/.exec(textOf(cardOf(result.activity)))?.[1];
    const record = textOf(cardOf((await connector.nextReply(thread)).activity));
    expect(record).toContain('From Teams: Release the device from isolation');
    expect(record).toContain(id);
  });
});

describe('DIRECT_ACTIONS=on: moving an email back to the inbox', () => {
  it("an approver: the group check with the analyst's token, then one remediate with moveToInbox as the bot; the result links the Action center", async () => {
    const chat = signedIn();
    apis.memberships.set(`token-of-${chat.analyst.id}`, [APPROVERS]);
    const undoCard = await undoCardFor(chat, EMAIL);
    const confirmation = await startUndo(chat, undoCard, MOVE_BACK);
    expect(textOf(confirmation.card)).toContain(MESSAGE_ID);
    expect(textOf(confirmation.card)).toContain('hannah.jarvis[@]contoso[.]com');
    expect(textOf(confirmation.card)).toContain("This bot's application, approved by Riley Analyst");
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await updateOf(chat, confirmation);
    expect(apis.problems).toEqual([]);
    expect(apis.calls.map((c) => [c.method, c.path, c.authorization])).toEqual([
      ['POST', '/v1.0/me/checkMemberGroups', `Bearer token-of-${chat.analyst.id}`],
      ['POST', '/v1.0/security/collaboration/analyzedEmails/remediate', undefined],
    ]);
    expect(apis.calls[0].body).toEqual({ groupIds: [APPROVERS] });
    expect(apis.calls[1].body).toMatchObject({ action: 'moveToInbox', remediateSendersCopy: false, analyzedEmails: [{ networkMessageId: MESSAGE_ID, recipientEmailAddress: 'hannah.jarvis@contoso.com' }] });
    expect(apis.calls[1].body.description).toContain('approved by Riley Analyst');
    expect(textOf(result)).toContain('Done');
    expect(buttonsOf(result)[0]).toMatchObject({ title: 'Open in the Defender portal', url: expect.stringMatching(/^https:\/\/security\.microsoft\.com\/action-center\/history\?filters=/) });
  });

  it('not an approver: refused after the group check, nothing moved, and the refusal goes on the record', async () => {
    const thread = `19:undo-email-${Date.now()}@thread.tacv2;messageid=1700000000002`;
    const chat = signedIn({ thread, analyst: { id: '29:carol-undo', name: 'Carol Analyst' } });
    const confirmation = await startUndo(chat, await undoCardFor(chat, EMAIL), MOVE_BACK);
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await connector.nextReply(thread);
    expect(textOf(cardOf(result.activity))).toContain('not a member of the approvers group');
    expect(callsMade()).toEqual(['POST /v1.0/me/checkMemberGroups']);
    expect(textOf(cardOf((await connector.nextReply(thread)).activity))).toContain('Refused: not a member of the approvers group');
  });
});

describe('DIRECT_ACTIONS=on: enabling an account AIR disabled', () => {
  const SID = 'S-1-5-21-989687458-3461180213-172365591-281652';

  it("the account is found by its SID; one invokeAction enable goes to its Active Directory account, as the analyst", async () => {
    apis.identities.push({
      id: '00104216-0539-4838-88b1-55baafdc296b',
      displayName: 'Jon Contractor',
      domain: 'corp.contoso.com',
      onPremisesSecurityIdentifier: SID,
      accounts: [
        { provider: 'EntraID', identifier: '69dfa3ea-1295-4e2c-b469-59564581143d', actions: [] },
        { provider: 'ActiveDirectory', identifier: '256db173-930a-4991-9061-0d51a9a93ba5', actions: [] },
      ],
    });
    const chat = signedIn();
    const undoCard = await undoCardFor(chat, `AIR disabled the account ${SID} by mistake, re-enable it`);
    const finding = await startUndo(chat, undoCard, 'Enable the account from Teams');
    expect(textOf(finding.card)).toContain('which account has that SID');
    const confirmation = { card: await updateOf(chat, finding), messageId: finding.messageId };
    expect(textOf(confirmation.card)).toContain(`Jon Contractor @ corp.contoso.com (${SID}, activeDirectory)`);
    await chat.clickForCard(bot.url, confirmation, 'Confirm');
    const result = await updateOf(chat, confirmation);
    expect(apis.problems).toEqual([]);
    expect(apis.calls.map((c) => [c.method, decodeURIComponent(c.path), c.authorization])).toEqual([
      ['GET', `/v1.0/security/identities/identityAccounts?$filter=onPremisesSecurityIdentifier eq '${SID}'`, `Bearer token-of-${chat.analyst.id}`],
      ['POST', '/v1.0/security/identities/identityAccounts/00104216-0539-4838-88b1-55baafdc296b/invokeAction', `Bearer token-of-${chat.analyst.id}`],
    ]);
    expect(apis.calls[1].body).toEqual({ accountId: '256db173-930a-4991-9061-0d51a9a93ba5', action: 'enable', identityProvider: 'activeDirectory' });
    expect(textOf(result)).toMatch(/Done[\s\S]*returned the id [0-9a-f-]{36}/);
  });

  it('a SID Defender for Identity does not know: nothing can be sent', async () => {
    const chat = signedIn();
    const finding = await startUndo(chat, await undoCardFor(chat, 're-enable S-1-5-21-1-2-3-4444, it was disabled by mistake'), 'Enable the account from Teams');
    expect(textOf(await updateOf(chat, finding))).toContain('knows no account it can enable');
    expect(callsMade().every((c) => c.startsWith('GET'))).toBe(true);
  });
});

describe('DIRECT_ACTIONS=dry-run', () => {
  it('the confirmation shows the lookup and the unisolate that would go out; Confirm sends nothing', async () => {
    const chat = signedIn();
    const confirmation = await startUndo(chat, await undoCardFor(chat, ISOLATED, dryRun), RELEASE, dryRun);
    const shown = textOf(confirmation.card);
    expect(shown).toContain('Dry run');
    expect(shown).toContain('GET /api/machines?$filter=');
    expect(shown).toContain('POST /api/machines/{id}/unisolate');
    const result = await chat.clickForCard(dryRun.url, confirmation, 'Confirm');
    expect(textOf(result.card)).toContain('Dry run: nothing was sent');
    expect(apis.calls).toEqual([]);
  });

  it('the email undo: both requests shown, neither sent', async () => {
    const chat = signedIn();
    const confirmation = await startUndo(chat, await undoCardFor(chat, EMAIL, dryRun), MOVE_BACK, dryRun);
    expect(textOf(confirmation.card)).toContain('POST /me/checkMemberGroups');
    expect(textOf(confirmation.card)).toContain('"action": "moveToInbox"');
    await chat.clickForCard(dryRun.url, confirmation, 'Confirm');
    expect(apis.calls).toEqual([]);
  });
});
