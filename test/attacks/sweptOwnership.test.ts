import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ledgerKey } from '../../src/bot/ownershipLedger';
import { UNKNOWN_CARD_REPLY } from '../../src/bot/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, clickAnswerOf, deliver } from '../faults/support/analystChat';
import { WireActivity } from '../../tools/wireActivities';
import { SqliteState, sqliteState } from '../faults/support/sqliteState';
import { atStep, reminderOf, stepOf, walkTo } from '../faults/support/walk';

/**
 * The ownership ledger's record of a card is swept with other state older than STATE_TTL_HOURS.
 * Before the fix the bot then trusted the owner stamp in the click's data, so a second analyst who
 * put his own id there replaced the first analyst's card (Action.Execute) or overwrote her message
 * (Action.Submit). Now a card without a record moves for nobody: the click is refused politely.
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

it("after the sweep, a forged stamp moves nothing: Bob is refused by Action.Execute and Action.Submit, Alice's walk and message stay", async () => {
  const alice = new AnalystChat(connector);
  const step2 = await walkTo(alice, bot.url, 2);
  const anyActivity = alice.message('');
  await bot.stop();
  state.age(ledgerKey(anyActivity as never, step2.messageId), 2 * HOUR_MS);
  bot = await startBotProcess({ env: state.env });
  expect(state.storedJson(ledgerKey(anyActivity as never, step2.messageId))).toBeUndefined();
  const callsBefore = connector.calls.length;

  expect(clickAnswerOf(await deliver(bot.url, forgedByBob(alice.click(step2, 'Next'))))).toEqual({ kind: 'message', text: UNKNOWN_CARD_REPLY });
  expect((await deliver(bot.url, forgedByBob(alice.submit(step2, 'Next')))).status).toBe(200);
  const submitted = await connector.nextReply(alice.conversationId);
  expect([submitted.kind, submitted.activity.text]).toEqual(['post', UNKNOWN_CARD_REPLY]);
  expect(connector.calls.slice(callsBefore).filter((call) => call.kind === 'update')).toEqual([]);

  // Bob's forgeries left Alice's walk where it was; her own record still lists the card as hers, so her click moves it.
  expect(await reminderOf(alice, bot.url)).toBe(atStep(2));
  const moved = clickAnswerOf(await deliver(bot.url, alice.click(step2, 'Next')));
  expect(moved.kind === 'card' && stepOf(moved.card)).toBe(3);
});
