import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALREADY_HANDLED_REPLY } from '../../src/bot/turns/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { randomUUID } from 'node:crypto';
import { Json, textOf } from '../../tools/cardReader';
import { AnalystChat, ClickAnswer, clickAnswerOf, deliver } from './support/analystChat';
import { WireActivity } from '../../tools/wireActivities';
import { recordCardsIn } from './support/recordCards';
import { AZURITE_BLOB, SharedStore, SQLITE_FILE } from './support/sharedStores';
import { atStep, noticeOf, outOfDate, reminderOf, stepOf, walkTo } from './support/walk';

/**
 * Teams re-delivers an activity it got no answer for in time, and analysts click twice. Two bot
 * processes share one store; each fault reaches one process twice, or each process once.
 */

type Pair = [number, number];
const ONE_PROCESS: Pair = [0, 0];
const BOTH_PROCESSES: Pair = [0, 1];

/** Where the two deliveries go, and whether the second waits for the first to be answered. */
const REDELIVERIES: [string, Pair, boolean][] = [
  ['to one process, one after the other', ONE_PROCESS, false],
  ['to one process, at once', ONE_PROCESS, true],
  ['to both processes, one after the other', BOTH_PROCESSES, false],
  ['to both processes, at once', BOTH_PROCESSES, true],
];

const stepShown = (answer: ClickAnswer): number | undefined => (answer.kind === 'card' ? stepOf(answer.card) : undefined);

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

  const urls = ([first, second]: Pair): [string, string] => [bots[first].url, bots[second].url];

  function deliverTwice(pair: Pair, atOnce: boolean, activity: WireActivity) {
    const [first, second] = urls(pair);
    if (atOnce) return Promise.all([deliver(first, activity), deliver(second, activity)]);
    return deliver(first, activity).then(async (answer) => [answer, await deliver(second, activity)]);
  }

  it.each(REDELIVERIES)('a typed message delivered twice, %s, is answered once', async (_how, pair, atOnce) => {
    const chat = new AnalystChat(connector);
    await deliverTwice(pair, atOnce, chat.message('undo'));
    const posted = connector.calls.filter((call) => call.conversationId === chat.conversationId);
    // Each post as the step its card shows: one permissions card, not two walks.
    expect(posted.map((call) => stepOf((call.activity.attachments as { content: Json }[])[0].content))).toEqual([0]);
  });

  it.each(REDELIVERIES)('a click delivered twice, %s, moves the walk once and posts nothing', async (_how, pair, atOnce) => {
    const chat = new AnalystChat(connector);
    const step2 = await walkTo(chat, urls(pair)[0], 2);
    const postsBefore = connector.calls.length;
    const answers = (await deliverTwice(pair, atOnce, chat.click(step2, 'Next'))).map(clickAnswerOf);

    expect(answers.filter((answer) => stepShown(answer) === 3)).toHaveLength(1);
    expect(answers).toContainEqual({ kind: 'message', text: ALREADY_HANDLED_REPLY });
    expect(connector.calls.length).toBe(postsBefore);
    expect(await reminderOf(chat, urls(pair)[1])).toBe(atStep(3));
  });

  it.each([
    ['one process', ONE_PROCESS],
    ['both processes', BOTH_PROCESSES],
  ])('two clicks on Next at once, to %s, move one step; the later one is told its card was out of date', async (_how, pair) => {
    const [first, second] = urls(pair);
    const chat = new AnalystChat(connector);
    let onScreen = await walkTo(chat, first, 1);
    // Every step of the way, so the two turns overlap in storage more than once.
    for (const step of [2, 3, 4]) {
      const answers = (await Promise.all([deliver(first, chat.click(onScreen, 'Next')), deliver(second, chat.click(onScreen, 'Next'))])).map(clickAnswerOf);
      expect(answers.map(stepShown)).toEqual([step, step]);
      const notices = answers.map((answer) => (answer.kind === 'card' ? noticeOf(answer.card) : answer.text));
      expect(notices.sort()).toEqual([outOfDate(step), undefined]);
      onScreen = { ...onScreen, card: (answers[0] as { card: Json }).card };
    }
    expect(await reminderOf(chat, second)).toBe(atStep(4));
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

  it.each([1, 2, 3])('two analysts in one thread finishing at the same instant, one per process, both land on its one record card (round %i)', async () => {
    const thread = `19:incident-${randomUUID()}@thread.tacv2;messageid=${Date.now()}`;
    const alice = new AnalystChat(connector, { thread, analyst: { id: '29:alice', name: 'Alice Analyst' } });
    const bob = new AnalystChat(connector, { thread, analyst: { id: '29:bob', name: 'Bob Responder' } });
    const aliceQuestion = await alice.sayForCard(bots[0].url, 'report');
    const aliceVerdicts = await alice.clickForCard(bots[0].url, aliceQuestion, /^URL in an email/);
    const bobQuestion = await bob.sayForCard(bots[1].url, 'report');
    const bobVerdicts = await bob.clickForCard(bots[1].url, bobQuestion, /^Email attachment/);

    const answers = await Promise.all([
      deliver(bots[0].url, alice.click(aliceVerdicts, /wrongly detected/i)),
      deliver(bots[1].url, bob.click(bobVerdicts, /missed/i)),
    ]);
    expect(answers.map((answer) => clickAnswerOf(answer).kind)).toEqual(['card', 'card']);

    // The record card moves once the clicks have their answers.
    const showsBoth = (): boolean => {
      const shown = recordCardsIn(connector, thread);
      return shown.posted.length > 0 && textOf(shown.showing(shown.posted[0])).includes('2 things finished');
    };
    for (let waited = 0; !showsBoth() && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const record = recordCardsIn(connector, thread);
    expect(record.posted).toHaveLength(1);
    const onScreen = textOf(record.showing(record.posted[0]));
    expect(onScreen).toContain('2 things finished in this thread');
    expect(onScreen).toMatch(/Alice Analyst[^]*Reported to Microsoft: URL in an email message/);
    expect(onScreen).toMatch(/Bob Responder[^]*Reported to Microsoft: Email attachment/);
  });
});
