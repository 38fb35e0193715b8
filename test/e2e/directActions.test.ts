import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { buttonsOf, textOf } from '../../tools/cardReader';
import { AnalystChat, CardOnScreen, clickAnswerOf, deliver } from '../faults/support/analystChat';

/**
 * Direct actions through the real bot process, as Teams delivers them: DIRECT_ACTIONS=dry-run from
 * pasted evidence to "dry run: nothing was sent", and unset, where nothing of it shows.
 */

const PASTED = "hxxps://contoso-login[.]example/verify was blocked in an email, it's clean";
const SUBMIT = 'Submit the URL from Teams';

let connector: FakeConnector;
let dryRun: BotProcess;
let unset: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  [dryRun, unset] = await Promise.all([
    startBotProcess({ env: { STORAGE: 'memory', DIRECT_ACTIONS: 'dry-run', LOG_LEVEL: 'info' } }),
    startBotProcess({ env: { STORAGE: 'memory' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([dryRun?.stop(), unset?.stop()]);
  await connector?.close();
});

/** A click on a card for anyone (the answer) is answered with a new card below it: here, the confirmation. */
async function clickForNewCard(chat: AnalystChat, bot: BotProcess, onScreen: CardOnScreen, title: string): Promise<CardOnScreen> {
  const answer = clickAnswerOf(await deliver(bot.url, chat.click(onScreen, title)));
  expect(answer).toEqual({ kind: 'message', text: 'Done: see the new card.' });
  for (;;) {
    // In a thread the answer also posted the thread's record card; the new card is the one after it.
    const posted = await connector.nextReply(chat.conversationId);
    const card = (posted.activity.attachments as { content: CardOnScreen['card'] }[])[0].content;
    if (!buttonsOf(card).some((b) => b.title === 'Copy for the ticket')) return { card, messageId: posted.activityId };
  }
}

/** Pasted evidence and the proposal taken (one click): the report answer. */
async function answerIn(chat: AnalystChat, bot: BotProcess) {
  const evidence = await chat.sayForCard(bot.url, PASTED);
  return chat.clickForCard(bot.url, evidence, 'Yes, show me what to do');
}

describe('DIRECT_ACTIONS=dry-run', () => {
  it('three clicks from pasted evidence: a confirmation showing the URL defanged, then "dry run: nothing was sent" with the request', async () => {
    const chat = new AnalystChat(connector);
    const answer = await answerIn(chat, dryRun); // 1
    const confirmation = await clickForNewCard(chat, dryRun, answer, SUBMIT); // 2
    expect(textOf(confirmation.card)).toContain('hxxps[://]contoso-login[.]example/verify');
    expect(textOf(confirmation.card)).toContain('Riley Analyst, with your own sign-in');
    expect(JSON.stringify(confirmation.card)).not.toContain('https://contoso-login.example');

    const result = await chat.clickForCard(dryRun.url, confirmation, 'Confirm'); // 3
    expect(textOf(result.card)).toContain('Dry run: nothing was sent');
    expect(textOf(result.card)).toContain('POST /security/threatSubmission/urlThreats');
    expect(textOf(result.card)).toContain('notJunk');
    expect(buttonsOf(result.card)).toEqual([]);

    // The same Confirm again (a double click, or Teams re-delivering it) shows the same result.
    const again = await chat.clickForCard(dryRun.url, confirmation, 'Confirm');
    expect(again.card).toEqual(result.card);
    // The log says what was done, never the URL, the analyst's text or a token.
    expect(dryRun.output()).not.toContain('contoso-login');
    expect(dryRun.output()).not.toMatch(/Bearer/);
  });

  it('cancel: nothing is sent, and a Confirm on the same card afterwards sends nothing either', async () => {
    const chat = new AnalystChat(connector);
    const confirmation = await clickForNewCard(chat, dryRun, await answerIn(chat, dryRun), SUBMIT);
    const cancelled = await chat.clickForCard(dryRun.url, confirmation, 'Cancel');
    expect(textOf(cancelled.card)).toContain('Cancelled: nothing was sent');
    const late = await chat.clickForCard(dryRun.url, confirmation, 'Confirm');
    expect(textOf(late.card)).toContain('Cancelled: nothing was sent');
  });

  it("a second analyst in the thread cannot confirm the first one's action", async () => {
    const thread = `19:direct-actions-${Date.now()}@thread.tacv2;messageid=1700000000000`;
    const alice = new AnalystChat(connector, { thread, analyst: { id: '29:alice', name: 'Alice Analyst' } });
    const bob = new AnalystChat(connector, { thread, analyst: { id: '29:bob', name: 'Bob Responder' } });
    const confirmation = await clickForNewCard(alice, dryRun, await answerIn(alice, dryRun), SUBMIT);
    const refused = clickAnswerOf(await deliver(dryRun.url, bob.click(confirmation, 'Confirm')));
    expect(refused).toEqual({ kind: 'message', text: expect.stringContaining('Alice Analyst') });
    const mine = await alice.clickForCard(dryRun.url, confirmation, 'Confirm');
    expect(textOf(mine.card)).toContain('Dry run: nothing was sent');
    // The thread's record card, updated in place, now has the dry run on top.
    const recordUpdate = await connector.nextReply(thread);
    const record = textOf((recordUpdate.activity.attachments as { content: CardOnScreen['card'] }[])[0].content);
    expect(recordUpdate.kind).toBe('update');
    expect(record).toContain('From Teams: Submit the URL to Microsoft');
    expect(record.indexOf('Dry run: nothing was sent')).toBeLessThan(record.indexOf('Reported to Microsoft'));
  });
});

describe('DIRECT_ACTIONS unset', () => {
  it('the answer card offers nothing to do from Teams, and a forged action click starts nothing', async () => {
    const chat = new AnalystChat(connector);
    const answer = await answerIn(chat, unset);
    expect(buttonsOf(answer.card).map((b) => b.title).filter((t) => t.includes('from Teams'))).toEqual([]);
    expect(textOf(answer.card)).not.toContain('do it from Teams');
    const forged = { ...chat.click(answer, 'Undo a remediation'), value: { action: { type: 'Action.Execute', verb: 'act.start', data: { verb: 'act.start', kind: 'submit-url' } } } };
    expect(clickAnswerOf(await deliver(unset.url, forged))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
    const posted = await connector.nextReply(chat.conversationId);
    expect(textOf((posted.activity.attachments as { content: CardOnScreen['card'] }[])[0].content)).toContain('turned off');
  });
});

it('DIRECT_ACTIONS=on without the OAuth connection stops the bot at start with one line naming the variable', async () => {
  await expect(startBotProcess({ env: { STORAGE: 'memory', DIRECT_ACTIONS: 'on' }, startTimeoutMs: 5000 })).rejects.toThrow(/OAUTH_CONNECTION_NAME: is required when DIRECT_ACTIONS is on/);
});
