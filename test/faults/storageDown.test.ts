import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { STORAGE_DOWN_REPLY } from '../../src/bot/turns/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { Azurite, startAzurite } from '../../tools/azurite';
import { AnalystChat, clickAnswerOf, deliver } from './support/analystChat';
import { blobEnv } from './support/sharedStores';
import { atStep, reminderOf, stepOf, walkTo } from './support/walk';

/** The blob service goes away under a running bot, and comes back. */

const ANSWER_WITHIN_MS = 5_000;

let connector: FakeConnector;
let azurite: Azurite;
const running: BotProcess[] = [];

async function startBot(): Promise<BotProcess> {
  const bot = await startBotProcess({ env: blobEnv(azurite) });
  running.push(bot);
  return bot;
}

beforeAll(async () => {
  connector = await startFakeConnector();
  azurite = await startAzurite();
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.kill()));
  await connector?.close();
  await azurite?.dispose();
});

async function expectServing(bot: BotProcess): Promise<void> {
  expect(bot.isRunning()).toBe(true);
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
}

describe('storage down', () => {
  it('answers "try again" to clicks and messages, stays up, and carries on by itself once storage is back', async () => {
    const bot = await startBot();
    const chat = new AnalystChat(connector);
    const step2 = await walkTo(chat, bot.url, 2);

    await azurite.stop();
    const asked = performance.now();
    expect(clickAnswerOf(await deliver(bot.url, chat.click(step2, 'Next')))).toEqual({ kind: 'message', text: STORAGE_DOWN_REPLY });
    // Well inside the time Teams waits for a click's answer (about 15 s).
    expect(performance.now() - asked).toBeLessThan(ANSWER_WITHIN_MS);
    expect((await chat.say(bot.url, 'help')).text).toBe(STORAGE_DOWN_REPLY);
    await expectServing(bot);

    await azurite.restart();
    // Nothing moved while storage was down: the same card's Next goes to step 3.
    const step3 = await chat.clickForCard(bot.url, step2, 'Next');
    expect(stepOf(step3.card)).toBe(3);
    expect(await reminderOf(chat, bot.url)).toBe(atStep(3));
  });

  it('a bot that started while storage was down serves once it is back', async () => {
    await azurite.stop();
    const bot = await startBot();
    const chat = new AnalystChat(connector);
    expect((await chat.say(bot.url, 'undo')).text).toBe(STORAGE_DOWN_REPLY);
    await expectServing(bot);

    await azurite.restart();
    expect(stepOf((await chat.sayForCard(bot.url, 'undo')).card)).toBe(0);
  });
});
