import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, clickAnswerOf, deliver } from './support/analystChat';
import { SqliteState, sqliteState } from './support/sqliteState';
import { atStep, noticeOf, outOfDate, reminderOf, stepOf, walkTo } from './support/walk';

/**
 * SQLite turns take about a millisecond, so two clicks rarely overlap by themselves. Holding the
 * file's write lock makes them: both turns read the same step, then wait to write; the eTag check
 * must let only one of them move the walk.
 */

/** Long enough for both turns to have read and be waiting to write; far below the bot's 5 s busy timeout. */
const BOTH_WAITING_MS = 500;

let connector: FakeConnector;
let state: SqliteState;
let bots: BotProcess[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  state = sqliteState();
  bots = await Promise.all([startBotProcess({ env: state.env }), startBotProcess({ env: state.env })]);
});

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.kill()));
  await connector?.close();
  state?.dispose();
});

describe('two clicks on Next whose turns overlap on one SQLite file', () => {
  it('move the walk one step; the later one is told its card was out of date', async () => {
    const chat = new AnalystChat(connector);
    const step2 = await walkTo(chat, bots[0].url, 2);

    const release = state.holdWrites();
    const clicks = bots.map((bot) => deliver(bot.url, chat.click(step2, 'Next')));
    await sleep(BOTH_WAITING_MS);
    release();
    const answers = (await Promise.all(clicks)).map(clickAnswerOf);

    expect(answers.map((answer) => (answer.kind === 'card' ? stepOf(answer.card) : answer.text))).toEqual([3, 3]);
    const notices = answers.map((answer) => (answer.kind === 'card' ? noticeOf(answer.card) : undefined));
    expect(notices.sort()).toEqual([outOfDate(3), undefined]);
    expect(await reminderOf(chat, bots[1].url)).toBe(atStep(3));
  });
});
