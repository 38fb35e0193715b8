import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { textOf, titleOf } from '../../tools/cardReader';
import { AnalystChat, deliver } from './support/analystChat';
import { AZURITE_BLOB } from './support/sharedStores';
import { atStep, EMAIL, noticeOf, reminderOf, stepOf } from './support/walk';

/** Two bot processes behind one endpoint share Azure Blob state (Azurite): any turn may land on either. */

let connector: FakeConnector;
let env: Record<string, string>;
let disposeStore: () => Promise<void>;
const running: BotProcess[] = [];

async function startBot(): Promise<BotProcess> {
  const bot = await startBotProcess({ env });
  running.push(bot);
  return bot;
}

beforeAll(async () => {
  connector = await startFakeConnector();
  ({ env, dispose: disposeStore } = await AZURITE_BLOB.start());
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.kill()));
  await connector?.close();
  await disposeStore?.();
});

describe('one walk-through across two instances on shared blob state', () => {
  it('alternates between them, survives one being killed, and ends right', async () => {
    const [a, b] = await Promise.all([startBot(), startBot()]);
    const chat = new AnalystChat(connector);

    let onScreen = await chat.sayForCard(a.url, 'undo');
    onScreen = await chat.clickForCard(b.url, onScreen, 'I have them, continue');
    // Clients without Action.Execute send the Submit fallback; the bot updates the card's message.
    onScreen = await chat.submitForCard(a.url, onScreen, 'Next');
    expect(stepOf(onScreen.card)).toBe(2);
    onScreen = await chat.clickForCard(b.url, onScreen, 'Next');
    onScreen = await chat.submitForCard(a.url, onScreen, 'Next');
    onScreen = await chat.clickForCard(b.url, onScreen, EMAIL);
    expect(stepOf(onScreen.card)).toBe(4);
    expect(noticeOf(onScreen.card)).toBeUndefined();

    await a.kill();
    onScreen = await chat.clickForCard(b.url, onScreen, 'Next');
    expect(stepOf(onScreen.card)).toBe(5);
    expect(textOf(onScreen.card)).toContain('Investigation about email content.');

    const replacement = await startBot();
    onScreen = await chat.submitForCard(replacement.url, onScreen, 'Next');
    onScreen = await chat.clickForCard(b.url, onScreen, 'Next');
    expect(stepOf(onScreen.card)).toBe(7);
    const done = await chat.clickForCard(replacement.url, onScreen, 'Done');
    expect(titleOf(done.card)).toBe('Undo walk-through complete');
    expect(textOf(done.card)).toContain('on the investigation about email content');
    expect(await reminderOf(chat, b.url)).toBeUndefined();
  });

  it('a click whose instance dies while handling it, re-delivered to the other, moves the walk at most once', async () => {
    const [doomed, survivor] = await Promise.all([startBot(), startBot()]);
    const chat = new AnalystChat(connector);
    const permissions = await chat.sayForCard(survivor.url, 'undo');
    const step1 = await chat.clickForCard(survivor.url, permissions, 'I have them, continue');

    const next = chat.click(step1, 'Next');
    const lost = deliver(doomed.url, next).catch(() => undefined);
    await doomed.kill();
    await lost;
    // Teams got no answer, so it sends the same activity again; the other instance gets it.
    expect((await deliver(survivor.url, next)).status).toBe(200);
    expect(await reminderOf(chat, survivor.url)).toBe(atStep(2));
  });
});
