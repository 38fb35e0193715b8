import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, clickAnswerOf, deliver } from './support/analystChat';
import { UNKNOWN_CARD_REPLY } from '../../src/bot/turns/replies';
import { SqliteState, sqliteState } from './support/sqliteState';
import { EMAIL, stepOf, walkTo } from './support/walk';

/** What one analyst's walk-through costs in storage, and how long it is kept. */

/** Teams bots are advised to keep per-conversation state small; this record is read and written every turn. */
const RECORD_BUDGET_BYTES = 2_048;
const HOUR_MS = 3_600_000;

let connector: FakeConnector;
let state: SqliteState;
let bot: BotProcess | undefined;

beforeAll(async () => {
  connector = await startFakeConnector();
  state = sqliteState({ STATE_TTL_HOURS: '1' });
});

afterAll(async () => {
  await bot?.kill();
  await connector?.close();
  state?.dispose();
});

describe('per-conversation state', () => {
  it('a mid-walk record, with its remembered activity ids full, stays under 2 KB', async () => {
    bot = await startBotProcess({ env: state.env });
    const chat = new AnalystChat(connector);
    // Enough turns to fill the list of remembered activity ids, ending mid-walk past the step-4 choice.
    await walkTo(chat, bot.url, 7, EMAIL);
    const atStep6 = await walkTo(chat, bot.url, 6, EMAIL);
    expect(stepOf(atStep6.card)).toBe(6);

    const stored = state.storedJson(chat.recordKey)!;
    expect(JSON.parse(stored).seen).toHaveLength(8);
    expect(Buffer.byteLength(stored)).toBeLessThan(RECORD_BUDGET_BYTES);
  });

  it('a walk left alone longer than STATE_TTL_HOURS is gone after a restart; a newer one is kept', async () => {
    const abandoned = new AnalystChat(connector);
    const recent = new AnalystChat(connector);
    const abandonedCard = await walkTo(abandoned, bot!.url, 3);
    const recentCard = await walkTo(recent, bot!.url, 3);
    await bot!.stop();
    state.age(abandoned.recordKey, 2 * HOUR_MS);
    state.age(recent.recordKey, HOUR_MS / 2);

    bot = await startBotProcess({ env: state.env });
    expect(state.storedJson(abandoned.recordKey)).toBeUndefined();
    // The record that listed the card went with the walk: the card is no longer anyone's, and the bot says so.
    expect(clickAnswerOf(await deliver(bot.url, abandoned.click(abandonedCard, 'Next')))).toEqual({ kind: 'message', text: UNKNOWN_CARD_REPLY });
    expect(stepOf((await recent.clickForCard(bot.url, recentCard, 'Next')).card)).toBe(4);
  });
});
