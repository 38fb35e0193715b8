import { BotHarness, TurnResult } from '../support/botHarness';
import { MESSAGE_ACTION_FETCH_INVOKE } from '../../src/core/wireNames';

/**
 * A 100 KB message of adversarial text is answered as fast as a short one, through the whole bot:
 * pasted in a chat, and picked with the message action (whose HTML is read first). Catastrophic
 * backtracking anywhere on the way would take seconds.
 */

const SIZE = 100_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
/** A tenth of a second over a short message: room for reading 100 KB on a busy machine, far below a backtracking blow-up. */
const ALLOWANCE_MS = 100;

const SHORT_TEXT = "hxxps://contoso-login[.]example/verify blocked in an email, it's clean";
const ADVERSARIAL_TEXT: Readonly<Record<string, string>> = {
  'one long word': fill('a'),
  'hxxp:// glued': fill('hxxp://'),
  'defang marks': fill('hxxps://evil[.]com/[.](.)[://]'),
  'dotted numbers': fill('1.1.1.1.'),
  'unclosed brackets': fill('[('),
  'address pieces': fill('a@'),
  'cue words': fill('should have been blocked in an email '),
  'distinct URLs': Array.from({ length: SIZE / 20 }, (_, i) => `https://h${i}.example/p`).join(' ').slice(0, SIZE),
};

const SHORT_HTML = `<p>${SHORT_TEXT}</p>`;
const ADVERSARIAL_HTML: Readonly<Record<string, string>> = {
  'unclosed <': fill('<'),
  'unclosed tags': fill('<a '),
  'one endless tag': `<p ${fill('a')}`,
  'empty tags': fill('<>'),
  'nested brackets': fill('<<>>'),
  'entity runs': fill('&#x68;&amp;&#'),
  'long numeric entities': fill('&#11111111'),
  'tagged defang marks': fill('<p>hxxps://evil[.]com/[.]</p>'),
  'tagged cue words': fill('<b>should have been blocked</b> in an <i>email</i> '),
};

let bot: BotHarness;
beforeAll(() => {
  bot = new BotHarness();
});

const paste = (text: string): Promise<TurnResult> => bot.say(text);
const pickMessageAction = (html: string): Promise<TurnResult> =>
  bot.invoke(
    MESSAGE_ACTION_FETCH_INVOKE,
    { commandId: 'reportFalsePositiveNegative', commandContext: 'message', messagePayload: { id: '1700000005555', body: { contentType: 'html', content: html } } },
    { scope: 'channel' },
  );

/** Best of three, so one pause of the runtime does not decide the test. */
async function bestMs(turn: () => Promise<TurnResult>): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    await turn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

describe('pasted in a chat', () => {
  let shortMs = 0;
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) await paste(SHORT_TEXT); // warm up the JIT and the templates
    shortMs = await bestMs(() => paste(SHORT_TEXT));
  });

  it.each(Object.entries(ADVERSARIAL_TEXT))('%s', async (_name, text) => {
    expect(await bestMs(() => paste(text))).toBeLessThan(shortMs + ALLOWANCE_MS);
    expect((await paste(text)).posted).toHaveLength(1);
  });
});

describe('picked with the message action', () => {
  let shortMs = 0;
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) await pickMessageAction(SHORT_HTML);
    shortMs = await bestMs(() => pickMessageAction(SHORT_HTML));
  });

  it.each(Object.entries(ADVERSARIAL_HTML))('%s', async (_name, html) => {
    expect(await bestMs(() => pickMessageAction(html))).toBeLessThan(shortMs + ALLOWANCE_MS);
    expect((await pickMessageAction(html)).invokeResponse?.body.task).toMatchObject({ type: 'continue' });
  });
});
