import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { legacyThreadRecordKey, threadRecordKey } from '../../src/bot/record/recordStore';
import { CARD_ACTION_INVOKE } from '../../src/core/wireNames';
import { SqliteStorage } from '../../src/storage/sqlite/sqliteStorage';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { buttonsOf, Json, textOf } from '../../tools/cardReader';
import { ConnectorCall, FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, CardOnScreen, clickAnswerOf, deliver } from './support/analystChat';
import { SqliteState, sqliteState } from './support/sqliteState';

/**
 * A thread's record is kept per tenant and conversation: another organisation naming the same
 * conversation id neither sees nor adds to it. A record an earlier version kept under the
 * conversation alone (records are kept 90 days) is taken over by the first change in that thread:
 * its entries stay, its card is updated in place, and the old key is gone.
 */

const TENANT_A = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TENANT_B = '0d7e1f8a-3c4b-4d5e-8f90-123456789abc';
const THREAD = `19:tenant-key-${Date.now()}@thread.tacv2;messageid=1700000000000`;
const OLD_CARD = 'record-card-posted-by-the-earlier-version';
const placeOf = (tenantId: string, thread = THREAD) => ({ channelId: 'msteams', conversation: { id: thread, tenantId, conversationType: 'channel', isGroup: true, name: '' } });
const where = placeOf(TENANT_A);

let connector: FakeConnector;
let state: SqliteState;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  state = sqliteState();
  // What the earlier version left: the thread's record under the conversation alone, with its card.
  const earlier = new SqliteStorage({ path: state.dbPath });
  const entry = { at: Date.now() - 3_600_000, by: { id: '29:olga', name: 'Olga Before' }, finished: { kind: 'adjust', scenario: 'malware-on-device' } };
  await earlier.write({ [legacyThreadRecordKey(where)]: { entries: [entry], card: OLD_CARD } });
  earlier.close();
  bot = await startBotProcess({ env: { ...state.env, LOG_LEVEL: 'info' } });
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  state?.dispose();
});

const cardOf = (call: ConnectorCall): Json => (call.activity.attachments as { content: Json }[])[0].content;
const isRecordCard = (call: ConnectorCall): boolean => buttonsOf(cardOf(call)).some((b) => b.title === 'Copy for the ticket');

async function nextCard(thread: string, record: boolean): Promise<ConnectorCall> {
  for (;;) {
    const call = await connector.nextReply(thread, 10_000);
    if (isRecordCard(call) === record) return call;
  }
}

/** Reports a URL in an email as wrongly detected, through the question cards. */
async function reportIn(chat: AnalystChat): Promise<void> {
  expect((await deliver(bot.url, chat.message('report'))).status).toBe(200);
  const asked = await nextCard(THREAD, false);
  const question: CardOnScreen = { card: cardOf(asked), messageId: asked.activityId };
  const verdicts = await chat.clickForCard(bot.url, question, /^URL in an email/);
  await chat.clickForCard(bot.url, verdicts, /wrongly detected/i);
}

it("the earlier version's record is taken over by the thread's tenant: its entries kept, its card updated in place, the old key gone", async () => {
  await reportIn(new AnalystChat(connector, { thread: THREAD, tenantId: TENANT_A, analyst: { id: '29:alice', name: 'Alice Analyst' } }));
  const shown = await nextCard(THREAD, true);
  expect(shown).toMatchObject({ kind: 'update', activityId: OLD_CARD });
  expect(textOf(cardOf(shown))).toContain('2 things finished in this thread');
  expect(textOf(cardOf(shown))).toContain('Olga Before');
  expect(state.storedJson(legacyThreadRecordKey(where))).toBeUndefined();
  expect(JSON.parse(state.storedJson(threadRecordKey(where))!).entries).toHaveLength(2);
});

it('another tenant naming the same conversation id neither sees that record nor adds to it', async () => {
  const other = new AnalystChat(connector, { thread: THREAD, tenantId: TENANT_B, analyst: { id: '29:mallory', name: 'Mallory Elsewhere' } });
  const asked = clickAnswerOf(await deliver(bot.url, { ...other.message('record'), type: 'invoke', name: CARD_ACTION_INVOKE, replyToId: OLD_CARD, value: { action: { type: 'Action.Execute', verb: 'command', data: { verb: 'command', command: 'record' } } } }));
  expect(asked).toEqual({ kind: 'message', text: expect.stringContaining("Nothing is in this thread's record yet") });

  await reportIn(other);
  const theirs = await nextCard(THREAD, true);
  expect(theirs.kind).toBe('post');
  expect(textOf(cardOf(theirs))).toContain('1 thing finished in this thread');
  expect(textOf(cardOf(theirs))).not.toContain('Alice Analyst');
  const keyA = threadRecordKey(where);
  const keyB = threadRecordKey(placeOf(TENANT_B));
  expect(keyB).not.toBe(keyA);
  expect(JSON.parse(state.storedJson(keyA)!).entries).toHaveLength(2);
});

it('with ALLOWED_TENANT_IDS, a thread whose activities name their tenant only in channel data still gets its record card, under that tenant', async () => {
  const gated = await startBotProcess({ env: { ...state.env, ALLOWED_TENANT_IDS: TENANT_A } });
  try {
    const thread = `19:tenant-in-channel-data-${Date.now()}@thread.tacv2;messageid=1700000000000`;
    const chat = new AnalystChat(connector, { thread, tenantId: TENANT_A, analyst: { id: '29:alice', name: 'Alice Analyst' } });
    const withoutConversationTenant = (activity: Record<string, unknown>): Record<string, unknown> => {
      const { tenantId: _tenant, ...conversation } = activity.conversation as Record<string, unknown>;
      return { ...activity, conversation };
    };
    const click = async (onScreen: CardOnScreen, title: RegExp): Promise<CardOnScreen> => {
      const answer = clickAnswerOf(await deliver(gated.url, withoutConversationTenant(chat.click(onScreen, title))));
      return { card: (answer as { card: Json }).card, messageId: onScreen.messageId };
    };
    expect((await deliver(gated.url, withoutConversationTenant(chat.message('report')))).status).toBe(200);
    const asked = await nextCard(thread, false);
    const verdicts = await click({ card: cardOf(asked), messageId: asked.activityId }, /^URL in an email/);
    await click(verdicts, /wrongly detected/i);
    const record = await nextCard(thread, true);
    expect(textOf(cardOf(record))).toContain('1 thing finished in this thread');
    // Where the card is, once the connector took it, is written under the tenant's key.
    const stored = () => JSON.parse(state.storedJson(threadRecordKey(placeOf(TENANT_A, thread))) ?? '{}') as { card?: string };
    for (let waited = 0; stored().card === undefined && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored().card).toBe(record.activityId);
  } finally {
    await gated.stop();
  }
});
