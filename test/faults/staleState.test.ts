import { describe, expect, it } from '@jest/globals';
import { RESET_NOTICE } from '../../src/bot/turns/flowRunner';
import { UNKNOWN_CARD_REPLY } from '../../src/bot/turns/replies';
import { titleOf } from '../../tools/cardReader';
import { AnalystChat, clickAnswerOf, deliver } from './support/analystChat';
import { sqliteBotForThisFile } from './support/sqliteBot';
import { DEVICE, noticeOf, outOfDate, stepOf, walkTo } from './support/walk';

/** Clicks on cards the analyst has left behind, and state the current version cannot read. */

const run = sqliteBotForThisFile();

describe('a click on an old card', () => {
  it('never moves the walk: the answer is the current step, saying the card was out of date', async () => {
    const chat = new AnalystChat(run.connector);
    const step2 = await walkTo(chat, run.bot.url, 2);
    const step5 = await walkTo(chat, run.bot.url, 5);
    const sameWalkStep2 = await chat.clickForCard(run.bot.url, step5, 'Back').then((at4) => chat.clickForCard(run.bot.url, at4, 'Next'));
    expect(stepOf(sameWalkStep2.card)).toBe(5);

    for (const title of ['Next', 'Back']) {
      const fromEarlierWalk = await chat.clickForCard(run.bot.url, step2, title);
      expect(stepOf(fromEarlierWalk.card)).toBe(5);
      expect(noticeOf(fromEarlierWalk.card)).toBe('That card is from an earlier walk-through. Here is where you are now.');
    }
    // A card of this very walk, from when it was at step 4 (the branch choice).
    const at4 = await chat.clickForCard(run.bot.url, step5, 'Back');
    await chat.clickForCard(run.bot.url, at4, 'Next');
    const staleBranch = await chat.clickForCard(run.bot.url, at4, /^Email \(the entity/);
    expect(stepOf(staleBranch.card)).toBe(5);
    expect(noticeOf(staleBranch.card)).toBe(outOfDate(5));

    const step6 = await chat.clickForCard(run.bot.url, step5, 'Next');
    expect(stepOf(step6.card)).toBe(6);
    expect(noticeOf(step6.card)).toBeUndefined();
  });
});

/** Records an older version of the bot could have left in the file: each still lists the analyst's cards. */
const UNFIT_RECORDS: [string, object][] = [
  ['an older record version', { v: 0, flow: { flow: 'undo', walk: 'abc', step: 3 } }],
  ['a newer record version', { v: 99, dialog: { dialogStack: [] }, seen: [] }],
  ['seen ids that are not strings', { v: 1, dialog: { dialogStack: [] }, seen: [1, 2] }],
  ['a dialog this version does not have', { v: 1, dialog: { dialogStack: [{ id: 'undoWaterfall', state: { stepIndex: 2 } }] }, seen: [] }],
  ['a dialog entry without its state', { v: 1, dialog: { dialogStack: [{ id: 'airGuidance' }] }, seen: [] }],
  ['a flow state that no longer fits', { v: 1, dialog: { dialogStack: [{ id: 'airGuidance', state: { flow: { flow: 'undo', walk: 'abc', step: 42 } } }] }, seen: [] }],
];

/** Records a broken writer could have left: nothing in them is trusted, not even which cards were the analyst's. */
const BROKEN_RECORDS: [string, string][] = [
  ['text that is not JSON', '{"v":1,"dialog":'],
  ['JSON that is not an object', '"undo at step 3"'],
  ['JSON null', 'null'],
];

describe('state the current version cannot read', () => {
  it.each(UNFIT_RECORDS)('%s is reset with a clear message on the card, which still moves; the analyst can start again', async (_name, record) => {
    const chat = new AnalystChat(run.connector);
    const step3 = await walkTo(chat, run.bot.url, 3);
    run.state.overwrite(chat.recordKey, JSON.stringify({ ...record, cards: [step3.messageId] }));

    const answer = clickAnswerOf(await deliver(run.bot.url, chat.click(step3, 'Next')));
    expect(answer).toEqual({ kind: 'card', card: expect.anything() });
    const card = (answer as { card: Parameters<typeof noticeOf>[0] }).card;
    expect(noticeOf(card)).toBe(RESET_NOTICE);
    expect(titleOf(card)).toBe('What I can do');

    const again = await walkTo(chat, run.bot.url, 5, DEVICE);
    expect(stepOf(again.card)).toBe(5);
    expect(noticeOf(again.card)).toBeUndefined();
  });

  it.each(BROKEN_RECORDS)('%s: the card is refused with a clear message, and the analyst can start again', async (_name, json) => {
    const chat = new AnalystChat(run.connector);
    const step3 = await walkTo(chat, run.bot.url, 3);
    run.state.overwrite(chat.recordKey, json);

    expect(clickAnswerOf(await deliver(run.bot.url, chat.click(step3, 'Next')))).toEqual({ kind: 'message', text: UNKNOWN_CARD_REPLY });
    const again = await walkTo(chat, run.bot.url, 5, DEVICE);
    expect(stepOf(again.card)).toBe(5);
    expect(noticeOf(again.card)).toBeUndefined();
  });
});
