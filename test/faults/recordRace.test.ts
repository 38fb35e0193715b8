import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { ConnectorCall, FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { button, Json, textOf, titleOf } from '../support/cardReader';
import { clickAnswerOf, deliver, WireActivity } from './support/analystChat';
import { AZURITE_BLOB, SharedStore, SQLITE_FILE } from './support/sharedStores';

/**
 * Two analysts in one incident thread finish at the same instant, each through another bot process
 * sharing one store: both entries land, and the thread still gets one record card.
 */

const BOT_ACCOUNT = { id: '28:air-guide', name: 'AIR Guide' };
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const MENTION = `<at>${BOT_ACCOUNT.name}</at>`;
const ROUNDS = 3;

/** One analyst in a channel thread, over HTTP as Teams sends it. */
class ThreadAnalyst {
  constructor(
    private readonly connector: FakeConnector,
    readonly conversationId: string,
    readonly account: { id: string; name: string },
  ) {}

  private base(): WireActivity {
    return {
      id: `record-${randomUUID()}`,
      channelId: 'msteams',
      serviceUrl: this.connector.serviceUrl,
      timestamp: new Date().toISOString(),
      conversation: { id: this.conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
      from: { ...this.account },
      recipient: { ...BOT_ACCOUNT },
      channelData: { tenant: { id: TENANT_ID } },
    };
  }

  /** Mentions the bot with `text` and returns the card it posted, where it sits. */
  async sayForCard(botUrl: string, text: string): Promise<{ card: Json; messageId: string }> {
    const message = { ...this.base(), type: 'message', text: `${MENTION} ${text}`, entities: [{ type: 'mention', mentioned: { ...BOT_ACCOUNT }, text: MENTION }] };
    expect((await deliver(botUrl, message)).status).toBe(200);
    const reply = await this.connector.nextReply(this.conversationId);
    return { card: (reply.activity.attachments as { content: Json }[])[0].content, messageId: reply.activityId };
  }

  click(onScreen: { card: Json; messageId: string }, title: RegExp): WireActivity {
    const { verb, data } = button(onScreen.card, title);
    return { ...this.base(), type: 'invoke', name: 'adaptiveCard/action', replyToId: onScreen.messageId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
  }

  /** Reports an item up to its verdict question; returns the click that shows the answer. */
  async readyToReport(botUrl: string, item: RegExp, verdict: RegExp): Promise<WireActivity> {
    const question = await this.sayForCard(botUrl, 'report');
    const answer = clickAnswerOf(await deliver(botUrl, this.click(question, item)));
    if (answer.kind !== 'card') throw new Error(`choosing the item was answered "${answer.text}"`);
    return this.click({ card: answer.card, messageId: question.messageId }, verdict);
  }
}

const cardIn = (call: ConnectorCall): Json | undefined => (call.activity.attachments as { content: Json }[] | undefined)?.[0]?.content;
const isRecord = (call: ConnectorCall): boolean => {
  const card = cardIn(call);
  return card !== undefined && titleOf(card) === 'Incident record';
};

describe.each([SQLITE_FILE, AZURITE_BLOB])('$name shared by two bot processes', (store: SharedStore) => {
  let connector: FakeConnector;
  let dispose: () => Promise<void>;
  let bots: BotProcess[] = [];

  beforeAll(async () => {
    connector = await startFakeConnector();
    const started = await store.start();
    dispose = started.dispose;
    bots = await Promise.all([startBotProcess({ env: started.env }), startBotProcess({ env: started.env })]);
  });

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.kill()));
    await connector?.close();
    await dispose?.();
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('two analysts finishing at the same instant both land on one record card (round %i)', async () => {
    const thread = `19:incident-${randomUUID()}@thread.tacv2;messageid=${Date.now()}`;
    const alice = new ThreadAnalyst(connector, thread, { id: '29:alice', name: 'Alice Analyst' });
    const bob = new ThreadAnalyst(connector, thread, { id: '29:bob', name: 'Bob Responder' });
    const aliceVerdict = await alice.readyToReport(bots[0].url, /^URL in an email/, /wrongly detected/i);
    const bobVerdict = await bob.readyToReport(bots[1].url, /^Email attachment/, /missed/i);

    const answers = await Promise.all([deliver(bots[0].url, aliceVerdict), deliver(bots[1].url, bobVerdict)]);
    expect(answers.map((a) => clickAnswerOf(a).kind)).toEqual(['card', 'card']);

    const recordCalls = connector.calls.filter((call) => call.conversationId === thread && isRecord(call));
    const posts = recordCalls.filter((call) => call.kind === 'post');
    expect(posts).toHaveLength(1);
    const onScreen = textOf(cardIn(recordCalls.filter((call) => call.activityId === posts[0].activityId).at(-1)!)!);
    expect(onScreen).toContain('2 things finished in this thread');
    expect(onScreen).toContain('Alice Analyst');
    expect(onScreen).toContain('Bob Responder');
    expect(onScreen).toContain('Reported to Microsoft: URL in an email message');
    expect(onScreen).toContain('Reported to Microsoft: Email attachment');
  });
});
