import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { button, textOf } from '../../tools/cardReader';
import { AnalystChat } from './support/analystChat';
import { SqliteState, sqliteState } from './support/sqliteState';
import { DEVICE, EMAIL, noticeOf, outOfDate, stepOf, walkTo } from './support/walk';

/** The bot process goes away in the middle of an undo walk-through and comes back on the same SQLite file. */

let connector: FakeConnector;
let state: SqliteState;
let bot: BotProcess | undefined;

beforeAll(async () => {
  connector = await startFakeConnector();
  state = sqliteState();
});

afterAll(async () => {
  await bot?.kill();
  await connector?.close();
  state?.dispose();
});

async function restart(how: 'stop' | 'kill'): Promise<BotProcess> {
  await (how === 'stop' ? bot!.stop() : bot!.kill());
  bot = await startBotProcess({ env: state.env });
  return bot;
}

describe('a restart in the middle of the undo walk-through (SQLite)', () => {
  it('continues at the right step with the same step-4 choice after a graceful stop', async () => {
    bot = await startBotProcess({ env: state.env });
    const chat = new AnalystChat(connector);
    const step2 = await walkTo(chat, bot.url, 2);
    const step4 = await walkTo(chat, bot.url, 4).then((card) => chat.clickForCard(bot!.url, card, DEVICE));
    expect(button(step4.card, `✓ ${DEVICE}`)).toBeDefined();

    const restarted = await restart('stop');
    const step5 = await chat.clickForCard(restarted.url, step4, 'Next');
    expect(stepOf(step5.card)).toBe(5);
    expect(noticeOf(step5.card)).toBeUndefined();
    expect(textOf(step5.card)).toContain('Investigation about a device.');
    const backAt4 = await chat.clickForCard(restarted.url, step5, 'Back');
    expect(stepOf(backAt4.card)).toBe(4);
    expect(button(backAt4.card, `✓ ${DEVICE}`)).toBeDefined();

    // The step-2 card of an earlier walk, clicked after the restart, moves nothing.
    const fromBefore = await chat.clickForCard(restarted.url, step2, 'Next');
    expect(stepOf(fromBefore.card)).toBe(4);
    expect(noticeOf(fromBefore.card)).toBe('That card is from an earlier walk-through. Here is where you are now.');
  });

  it('continues after a crash (SIGKILL) too, and a card from before it is answered with the current step', async () => {
    const chat = new AnalystChat(connector);
    const step3 = await walkTo(chat, bot!.url, 3);
    const step4 = await chat.clickForCard(bot!.url, step3, 'Next');
    const chosen = await chat.clickForCard(bot!.url, step4, EMAIL);

    const restarted = await restart('kill');
    const step5 = await chat.clickForCard(restarted.url, chosen, 'Next');
    expect(stepOf(step5.card)).toBe(5);
    expect(textOf(step5.card)).toContain('Investigation about email content.');

    const stale = await chat.clickForCard(restarted.url, step3, 'Next');
    expect(stepOf(stale.card)).toBe(5);
    expect(noticeOf(stale.card)).toBe(outOfDate(5));
  });
});
