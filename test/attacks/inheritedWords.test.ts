import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { typedMessage } from '../support/wireActivities';

/**
 * Words that name what every JavaScript object inherits ("constructor", "__proto__") are ordinary
 * text: typed in a chat, with a slash or an exclamation mark, each gets the bot's usual answer and
 * the process goes on answering. Command aliases were once looked up on a plain object, where
 * these words found Object.prototype's members instead of nothing.
 */

const WORDS = ['constructor', '__proto__', '/constructor', 'constructor!', 'hasOwnProperty', 'toString', '/__proto__', 'valueOf.'];
const CONVERSATION = 'a:edge-personal-chat';

let connector: FakeConnector;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startBotProcess({ env: { STORAGE: 'memory' } });
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

const say = (text: string): Promise<Response> =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(typedMessage(text, connector.serviceUrl)) });

/** What the analyst sees of a reply: its text, or the text blocks of its card. */
function shown(activity: Record<string, unknown>): string {
  const cards = (activity.attachments as { content?: unknown }[] | undefined) ?? [];
  return [activity.text ?? '', ...cards.map((card) => JSON.stringify(card.content))].join(' ');
}

test.each(WORDS)('"%s" is answered like any other text, and the bot keeps answering', async (word) => {
  const answer = await say(word);
  const reply = await connector.nextReply(CONVERSATION).catch((error: Error) => {
    throw new Error(`${error.message}\n${bot.output()}`);
  });

  expect(answer.status).toBe(200);
  const text = shown(reply.activity);
  expect(text).not.toMatch(/something went wrong/i);
  // Either the menu (help card) or the evidence answer: both offer the three paths by name.
  expect(text).toMatch(/report/i);

  const next = await say('help');
  expect(next.status).toBe(200);
  expect(shown((await connector.nextReply(CONVERSATION)).activity)).toMatch(/undo/i);
});
