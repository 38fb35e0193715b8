import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { recordKey } from '../../src/bot/conversation/conversationRecord';
import { UNKNOWN_CARD_REPLY } from '../../src/bot/turns/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, clickAnswerOf, deliver } from '../faults/support/analystChat';
import { WireActivity } from '../../tools/wireActivities';
import { SqliteState, sqliteState } from '../faults/support/sqliteState';
import { cardOf } from '../../tools/cardReader';
import { stepOf, walkTo } from '../faults/support/walk';

/**
 * The record that lists an analyst's cards is swept with other state older than STATE_TTL_HOURS.
 * Before the fix the bot then trusted the owner stamp in the click's data, so a second analyst who
 * put his own id there replaced the first analyst's card (Action.Execute) or overwrote her message
 * (Action.Submit). Now a card no record lists moves for nobody: the click is refused politely.
 */

const HOUR_MS = 3_600_000;
const BOB = { id: '29:bob-responder', name: 'Bob Responder' };

let connector: FakeConnector;
let state: SqliteState;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  state = sqliteState({ STATE_TTL_HOURS: '1' });
  bot = await startBotProcess({ env: state.env });
});

afterAll(async () => {
  await bot?.kill();
  await connector?.close();
  state?.dispose();
});

/** Bob clicks a button of Alice's card with his own id stamped on it. */
function forgedByBob(click: WireActivity): WireActivity {
  const stamp = { owner: BOB.id, ownerName: BOB.name };
  const value = click.value as { action?: { data: Record<string, unknown> } } & Record<string, unknown>;
  const forged = value.action ? { ...value, action: { ...value.action, data: { ...value.action.data, ...stamp } } } : { ...value, ...stamp };
  return { ...click, from: { ...BOB }, value: forged };
}

it("after the sweep, a forged stamp moves nothing: Bob is refused by Action.Execute and Action.Submit, Alice's message stays", async () => {
  const alice = new AnalystChat(connector);
  const step2 = await walkTo(alice, bot.url, 2);
  const aliceRecord = recordKey(alice.message('') as never);
  await bot.stop();
  state.age(aliceRecord, 2 * HOUR_MS);
  bot = await startBotProcess({ env: state.env });
  expect(state.storedJson(aliceRecord)).toBeUndefined();
  const callsBefore = connector.calls.length;

  expect(clickAnswerOf(await deliver(bot.url, forgedByBob(alice.click(step2, 'Next'))))).toEqual({ kind: 'message', text: UNKNOWN_CARD_REPLY });
  expect((await deliver(bot.url, forgedByBob(alice.submit(step2, 'Next')))).status).toBe(200);
  const submitted = await connector.nextReply(alice.conversationId);
  expect([submitted.kind, submitted.activity.text]).toEqual(['post', UNKNOWN_CARD_REPLY]);
  expect(connector.calls.slice(callsBefore).filter((call) => call.kind === 'update')).toEqual([]);

  // Her walk went with her record: her own click is refused the same way, and a fresh undo starts over.
  expect(clickAnswerOf(await deliver(bot.url, alice.click(step2, 'Next')))).toEqual({ kind: 'message', text: UNKNOWN_CARD_REPLY });
  expect(state.storedJson(aliceRecord)).toBeUndefined();
  const fresh = await deliver(bot.url, alice.message('undo'));
  expect(fresh.status).toBe(200);
  expect(stepOf(cardOf((await connector.nextReply(alice.conversationId)).activity))).toBe(0);
});
