import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { Json, textOf } from '../../tools/cardReader';
import { AnalystChat, CardOnScreen, deliver } from '../faults/support/analystChat';
import { isRecordCard } from '../support/recordCards';

/**
 * Analysts named in many scripts, with emoji, and with names that read as links, each finish a report
 * in one channel thread through the real bot process. The thread's record card and its "Copy for
 * the ticket" show every name as written (combining marks kept, NFC), emoji whole, and nothing that
 * Teams could turn into a link.
 */

const PASTED = "hxxps://contoso-login[.]example/verify was blocked in an email, it's clean";
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
const RAINBOW_FLAG = '\u{1F3F3}\uFE0F\u200D\u{1F308}';

type Kind = 'script' | 'emoji' | 'link';

/**
 * The display name Teams sends, how the record must show it, and how the earlier cleaning showed it
 * (undefined where that was already right).
 */
const ANALYSTS: [Kind, string, string, string | undefined][] = [
  ['script', 'प्रिया शर्मा', 'प्रिया शर्मा', 'परय शरम'],
  ['script', 'Nguyễn Văn An', 'Nguyễn Văn An', undefined],
  // Decomposed, as some clients send it: shown composed.
  ['script', 'Nguye\u0302\u0303n Thi\u0323 Ba\u0300', 'Nguyễn Thị Bà', 'Nguyen Thi Ba'],
  ['script', 'مُحَمَّد عَلِي', 'مُحَمَّد عَلِي', 'محمد علي'],
  ['script', 'שָׁלוֹם כֹּהֵן', 'שָׁלוֹם כֹּהֵן', 'שלום כהן'],
  ['script', 'สมชาย ใจดี', 'สมชาย ใจดี', 'สมชาย ใจด'],
  // Decomposed Hangul jamo: shown as the syllables.
  ['script', '\u1100\u1175\u11B7\u1106\u1175\u11AB\u1109\u116E', '김민수', '\u1100\u1175\u11B7\u1106\u1175\u11AB\u1109\u116E'],
  ['emoji', `Dana ${FAMILY}`, `Dana ${FAMILY}`, 'Dana'],
  ['emoji', `${RAINBOW_FLAG} Sam`, `${RAINBOW_FLAG} Sam`, 'Sam'],
  ['link', 'www.evil.com', 'www[.]evil[.]com', 'www.evil.com'],
  ['link', 'http://x.y', 'httpx[.]y', 'httpx.y'],
  ['link', 'Eve\u202Egnp.exe\u200B', 'Evegnp[.]exe', 'Evegnp.exe'],
];

const KIND_TITLES: [Kind, string][] = [
  ['script', 'names in Devanagari, Vietnamese, Arabic, Hebrew, Thai and Korean are shown as written, in NFC'],
  ['emoji', 'emoji ZWJ sequences in names are shown whole'],
  ['link', 'a name that reads as a domain or URL is defanged: nothing in it can become a link'],
];

const thread = `19:names-${Date.now()}@thread.tacv2;messageid=1700000000001`;
let connector: FakeConnector;
let bot: BotProcess;
let record: CardOnScreen;

/** Bidi controls, zero-width characters (a joiner only inside the emoji above), and live links or Markdown links. */
const hiddenOrLinked = (text: string): string[] =>
  text.replaceAll(FAMILY, '').replaceAll(RAINBOW_FLAG, '').match(/\p{Cf}|[^\P{Cc}\n]|https?:\/\/|\]\(/gu) ?? [];

/** One analyst pastes evidence in the thread and takes the proposal: a report finished, and the thread's record card posted or updated. */
async function finishReport(chat: AnalystChat): Promise<CardOnScreen> {
  const evidence = await chat.sayForCard(bot.url, PASTED);
  await chat.clickForCard(bot.url, evidence, 'Yes, show me what to do');
  const call = await connector.nextReply(thread);
  if (!isRecordCard(call.activity)) throw new Error(`expected the record card, got ${JSON.stringify(call.activity).slice(0, 200)}`);
  return { card: (call.activity.attachments as { content: Json }[])[0].content, messageId: call.activityId };
}

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startBotProcess({ env: { STORAGE: 'memory' } });
  for (const [index, [, name]] of ANALYSTS.entries()) {
    record = await finishReport(new AnalystChat(connector, { thread, analyst: { id: `29:analyst-${index}`, name } }));
  }
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

/** The plain text "Copy for the ticket" opens, as a click on the record card's button gets it. */
async function copyForTheTicket(): Promise<string> {
  const copier = new AnalystChat(connector, { thread, analyst: { id: '29:copier', name: 'Riley Analyst' } });
  const answer = await deliver(bot.url, copier.openDialog(record, 'Copy for the ticket'));
  expect(answer.status).toBe(200);
  const task = (answer.body as { task: { value: { card: { content: Json } } } }).task;
  return String((task.value.card.content.body as Json[]).find((e) => e.type === 'Input.Text')!.value);
}

it('the record card and its copy have an entry for every analyst, with nothing hidden or linked', async () => {
  const text = textOf(record.card);
  const plain = await copyForTheTicket();
  console.log(`names as the record shows them: ${ANALYSTS.map(([, , shown]) => JSON.stringify(shown)).join(', ')}`);
  expect(text).toContain(`${ANALYSTS.length} things finished in this thread`);
  expect(plain).toContain(`Incident record: ${ANALYSTS.length} entries`);
  expect(hiddenOrLinked(text)).toEqual([]);
  expect(hiddenOrLinked(plain)).toEqual([]);
});

describe.each(KIND_TITLES)('%s', (kind) => {
  const cases = ANALYSTS.filter(([k]) => k === kind);

  it('in the record card', () => {
    const text = textOf(record.card);
    for (const [, , shown, earlier] of cases) {
      expect(text).toContain(`**${shown}**, `);
      if (earlier) expect(text).not.toContain(`**${earlier}**, `);
    }
  });

  it('in "Copy for the ticket"', async () => {
    const plain = await copyForTheTicket();
    expect(plain).toBe(plain.normalize('NFC'));
    for (const [, , shown, earlier] of cases) {
      expect(plain).toContain(`, ${shown}: Reported to Microsoft`);
      if (earlier) expect(plain).not.toContain(`, ${earlier}: Reported to Microsoft`);
    }
  });
});
