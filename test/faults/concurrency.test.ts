import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALREADY_HANDLED_REPLY } from '../../src/bot/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { Json } from '../support/cardReader';
import { AnalystChat, ClickAnswer, clickAnswerOf, deliver } from './support/analystChat';
import { AZURITE_BLOB, SharedStore, SQLITE_FILE } from './support/sharedStores';
import { atStep, noticeOf, reminderOf, stepOf, walkTo } from './support/walk';

/**
 * Teams re-delivers an activity it got no answer for in time, and analysts click twice. Two bot
 * processes share one store; each fault is sent to one process twice and to both at once.
 */

const OUT_OF_DATE = (step: number): string => `That card was out of date. You are at step ${step} of 7.`;

const stepShown = (answer: ClickAnswer): number | undefined => (answer.kind === 'card' ? stepOf(answer.card) : undefined);

describe.each([SQLITE_FILE, AZURITE_BLOB])('$name shared by two bot processes', (store: SharedStore) => {
  let connector: FakeConnector;
  let dispose: () => Promise<void>;
  let bots: BotProcess[] = [];
  /** Which processes get the two deliveries: the same one twice, or one each. */
  let targets: [string, [string, string]][];

  beforeAll(async () => {
    connector = await startFakeConnector();
    const started = await store.start();
    dispose = started.dispose;
    bots = await Promise.all([startBotProcess({ env: started.env }), startBotProcess({ env: started.env })]);
    targets = [
      ['one process', [bots[0].url, bots[0].url]],
      ['two processes', [bots[0].url, bots[1].url]],
    ];
  });

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.kill()));
    await connector?.close();
    await dispose?.();
  });

  it('a typed message delivered twice, one after the other or at once, is answered once', async () => {
    for (const [, [first, second]] of targets) {
      for (const atOnce of [false, true]) {
        const chat = new AnalystChat(connector);
        const undo = chat.message('undo');
        const deliveries = atOnce ? Promise.all([deliver(first, undo), deliver(second, undo)]) : deliver(first, undo).then(() => deliver(second, undo));
        await deliveries;
        const posted = connector.calls.filter((call) => call.conversationId === chat.conversationId);
        // Each post as the step its card shows: one permissions card, not two walks.
        expect(posted.map((call) => stepOf((call.activity.attachments as { content: Json }[])[0].content))).toEqual([0]);
      }
    }
  });

  it('a click delivered twice moves the walk once and posts nothing', async () => {
    for (const [, [first, second]] of targets) {
      for (const atOnce of [false, true]) {
        const chat = new AnalystChat(connector);
        const step2 = await walkTo(chat, first, 2);
        const postsBefore = connector.calls.length;
        const next = chat.click(step2, 'Next');
        const answers = atOnce
          ? await Promise.all([deliver(first, next), deliver(second, next)])
          : [await deliver(first, next), await deliver(second, next)];

        const shown = answers.map(clickAnswerOf);
        expect(shown.filter((answer) => stepShown(answer) === 3)).toHaveLength(1);
        expect(shown).toContainEqual({ kind: 'message', text: ALREADY_HANDLED_REPLY });
        expect(connector.calls.length).toBe(postsBefore);
        expect(await reminderOf(chat, second)).toBe(atStep(3));
      }
    }
  });

  it('two clicks on Next at once move one step; the later one is told its card was out of date', async () => {
    for (const [, [first, second]] of targets) {
      const chat = new AnalystChat(connector);
      let onScreen = await walkTo(chat, first, 1);
      // Every step of the way, so the two turns overlap in storage more than once.
      for (const step of [1, 2, 3]) {
        const answers = (await Promise.all([deliver(first, chat.click(onScreen, 'Next')), deliver(second, chat.click(onScreen, 'Next'))])).map(clickAnswerOf);
        expect(answers.map(stepShown)).toEqual([step + 1, step + 1]);
        const notices = answers.map((answer) => (answer.kind === 'card' ? noticeOf(answer.card) : answer.text));
        expect(notices.sort()).toEqual([OUT_OF_DATE(step + 1), undefined]);
        onScreen = { ...onScreen, card: (answers[0] as { card: Json }).card };
      }
      expect(await reminderOf(chat, second)).toBe(atStep(4));
    }
  });

  it('a burst of clicks on Next, across both processes, moves one step and none is told storage is down', async () => {
    const chat = new AnalystChat(connector);
    const step1 = await walkTo(chat, bots[0].url, 1);
    const burst = Array.from({ length: 6 }, (_, n) => deliver(bots[n % 2].url, chat.click(step1, 'Next')));
    const answers = (await Promise.all(burst)).map(clickAnswerOf);
    expect(answers.map(stepShown)).toEqual(Array(6).fill(2));
    expect(answers.filter((answer) => answer.kind === 'card' && noticeOf(answer.card) === undefined)).toHaveLength(1);
    expect(await reminderOf(chat, bots[1].url)).toBe(atStep(2));
  });
});
