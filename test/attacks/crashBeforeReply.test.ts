import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, deliver } from '../faults/support/analystChat';
import { WireActivity } from '../../tools/wireActivities';
import { AZURITE_BLOB, SQLITE_FILE } from '../faults/support/sharedStores';
import { stepOf } from '../faults/support/walk';
import { Json } from '../../tools/cardReader';

/**
 * The bot is killed after saving a turn's state and while the connector is still taking its card.
 * Teams got no answer, so it sends the same message again: that delivery must post the card, and
 * only one card may ever arrive, also when two re-deliveries race on two instances.
 */

/** Long enough for a second card to have arrived if one were coming. */
const NOTHING_MORE_WITHIN_MS = 1_500;

describe.each([SQLITE_FILE, AZURITE_BLOB])('a crash between saving and replying ($name)', (store) => {
  let connector: FakeConnector;
  let env: Record<string, string>;
  let disposeStore: () => Promise<void>;
  const running: BotProcess[] = [];

  const startBot = async (): Promise<BotProcess> => {
    const bot = await startBotProcess({ env });
    running.push(bot);
    return bot;
  };

  beforeAll(async () => {
    connector = await startFakeConnector();
    ({ env, dispose: disposeStore } = await store.start());
  });

  afterAll(async () => {
    await Promise.all(running.map((bot) => bot.kill()));
    await connector?.close();
    await disposeStore?.();
  });

  /** Sends `activity` and kills the bot once the connector holds its reply: state saved, card not taken. */
  async function crashWhileReplying(activity: WireActivity): Promise<void> {
    const bot = await startBot();
    const held = connector.holdNext();
    const lost = deliver(bot.url, activity).catch(() => undefined);
    await held.arrived;
    await bot.kill();
    await lost;
  }

  const cardsIn = (chat: AnalystChat): Json[] =>
    connector.calls.filter((call) => call.conversationId === chat.conversationId).map((call) => (call.activity.attachments as { content: Json }[])[0].content);

  it('the re-delivered message gets its card, once, and the card works', async () => {
    const chat = new AnalystChat(connector);
    const undo = chat.message('undo');
    await crashWhileReplying(undo);
    expect(cardsIn(chat)).toEqual([]);

    const restarted = await startBot();
    expect((await deliver(restarted.url, undo)).status).toBe(200);
    const reply = await connector.nextReply(chat.conversationId);
    const card = (reply.activity.attachments as { content: Json }[])[0].content;
    expect(stepOf(card)).toBe(0);

    // Teams tries once more: the card is not posted again.
    expect((await deliver(restarted.url, undo)).status).toBe(200);
    await expect(connector.nextReply(chat.conversationId, NOTHING_MORE_WITHIN_MS)).rejects.toThrow(/no reply/);
    const step1 = await chat.clickForCard(restarted.url, { card, messageId: reply.activityId }, 'I have them, continue');
    expect(stepOf(step1.card)).toBe(1);
    expect(cardsIn(chat)).toHaveLength(1);
  });

  it('two re-deliveries at once, on two instances, post one card', async () => {
    const chat = new AnalystChat(connector);
    const undo = chat.message('undo');
    await crashWhileReplying(undo);

    const [a, b] = await Promise.all([startBot(), startBot()]);
    const answers = await Promise.all([deliver(a.url, undo), deliver(b.url, undo)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await connector.nextReply(chat.conversationId);
    await expect(connector.nextReply(chat.conversationId, NOTHING_MORE_WITHIN_MS)).rejects.toThrow(/no reply/);
    expect(cardsIn(chat).map(stepOf)).toEqual([0]);
  });
});
