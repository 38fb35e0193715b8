import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { buttonsOf, Json, textOf } from '../../tools/cardReader';
import { ConnectorCall, FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, CardOnScreen, clickAnswerOf, deliver } from '../faults/support/analystChat';

/**
 * The thread's record card goes through the Bot Connector after a click is answered, never before:
 * with a connector that hangs, a click that finishes something in a thread, a dry-run Confirm there
 * and the `record` button are answered at once; the record card lands once the connector is back
 * (its own retries), and when it never comes back the bot says so in an error line.
 */

const PASTED = "hxxps://contoso-login[.]example/verify was blocked in an email, it's clean";
/** A click's answer must come well before Teams gives up on it (5 s), with room for a loaded machine. */
const ANSWERED_WITHIN_MS = 1_000;

let connector: FakeConnector;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  bot = await startBotProcess({ env: { STORAGE: 'memory', LOG_LEVEL: 'info', DIRECT_ACTIONS: 'dry-run' } });
});

// A test that failed while the connector hung leaves it answering for the next one.
afterEach(() => connector.release());

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

const cardOf = (call: ConnectorCall): Json => (call.activity.attachments as { content: Json }[])[0].content;
const isRecordCard = (call: ConnectorCall): boolean => buttonsOf(cardOf(call)).some((b) => b.title === 'Copy for the ticket');

/** The next card the bot put in the thread that is not its record card. */
async function nextNonRecordCard(thread: string): Promise<CardOnScreen> {
  for (;;) {
    const call = await connector.nextReply(thread);
    if (!isRecordCard(call)) return { card: cardOf(call), messageId: call.activityId };
  }
}

/** How long one click took to be answered, and its answer. */
async function timed(activity: Record<string, unknown>): Promise<{ ms: number; answer: ReturnType<typeof clickAnswerOf> }> {
  const started = performance.now();
  const answer = clickAnswerOf(await deliver(bot.url, activity));
  return { ms: Math.round(performance.now() - started), answer };
}

/** The analyst in a new channel thread, with the report question's verdicts on screen. */
async function atVerdicts(chat: AnalystChat, thread: string): Promise<CardOnScreen> {
  expect((await deliver(bot.url, chat.message('report'))).status).toBe(200);
  const question = await nextNonRecordCard(thread);
  return chat.clickForCard(bot.url, question, /^URL in an email/);
}

const newThread = (name: string): string => `19:record-hang-${name}-${Date.now()}@thread.tacv2;messageid=1700000000000`;

it('while the connector hangs, each click is answered at once; the record card lands once the connector is back', async () => {
  const thread = newThread('recovers');
  const chat = new AnalystChat(connector, { thread, analyst: { id: '29:alice', name: 'Alice Analyst' } });
  // Ready before the connector hangs: a dry-run confirmation (its answer posts the record card) and the report's verdicts.
  const evidence = await chat.sayForCard(bot.url, PASTED);
  const answer = await chat.clickForCard(bot.url, evidence, 'Yes, show me what to do');
  expect(clickAnswerOf(await deliver(bot.url, chat.click(answer, 'Submit the URL from Teams')))).toEqual({ kind: 'message', text: 'Done: see the new card.' });
  const confirmation = await nextNonRecordCard(thread);
  const verdicts = await atVerdicts(chat, thread);

  connector.hold();
  const held = performance.now();
  const finished = await timed(chat.click(verdicts, /wrongly detected/i));
  const dryRun = await timed(chat.click(confirmation, 'Confirm'));
  const recordButton = await timed({ ...chat.click(answer, 'Submit the URL from Teams'), value: { action: { type: 'Action.Execute', verb: 'command', data: { verb: 'command', command: 'record' } } } });
  console.log(`connector hanging: a finished report answered in ${finished.ms} ms, a dry-run Confirm in ${dryRun.ms} ms, the record button in ${recordButton.ms} ms`);

  expect(finished.answer).toMatchObject({ kind: 'card' });
  expect(textOf((finished.answer as { card: Json }).card)).toContain('URL');
  expect(textOf((dryRun.answer as { card: Json }).card)).toContain('Dry run: nothing was sent');
  expect(recordButton.answer).toEqual({ kind: 'message', text: 'Done: see the record below.' });
  expect(Math.max(finished.ms, dryRun.ms, recordButton.ms)).toBeLessThan(ANSWERED_WITHIN_MS);

  // The connector comes back after the record card's first calls gave up (5 s each).
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 6_000 - (performance.now() - held))));
  connector.release();
  let landed: ConnectorCall;
  do landed = await connector.nextReply(thread, 30_000);
  while (!(isRecordCard(landed) && textOf(cardOf(landed)).includes('3 things finished in this thread')));
  const shown = textOf(cardOf(landed));
  expect(shown).toContain('Dry run: nothing was sent');
  expect(shown).toContain('Reported to Microsoft: URL in an email message');
  expect(bot.output()).not.toContain('record card never shown');
}, 60_000);

it('when the connector never comes back, the record card is given up with an error line, and the entry stays in the record', async () => {
  const thread = newThread('never');
  const chat = new AnalystChat(connector, { thread, analyst: { id: '29:bea', name: 'Bea Analyst' } });
  const verdicts = await atVerdicts(chat, thread);
  connector.hold();
  const finished = await timed(chat.click(verdicts, /wrongly detected/i));
  console.log(`connector hanging, first finish in a thread: answered in ${finished.ms} ms`);
  expect(finished.ms).toBeLessThan(ANSWERED_WITHIN_MS);

  for (let waited = 0; !bot.output().includes('record card never shown') && waited < 45_000; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
  expect(bot.output()).toMatch(/"level":"error".*record card never shown/);
  connector.release();

  // The entry was kept: `record` once the connector is back shows it.
  expect(clickAnswerOf(await deliver(bot.url, { ...chat.click(verdicts, /wrongly detected/i), value: { action: { type: 'Action.Execute', verb: 'command', data: { verb: 'command', command: 'record' } } } }))).toEqual({
    kind: 'message',
    text: 'Done: see the record below.',
  });
  let posted: ConnectorCall;
  do posted = await connector.nextReply(thread, 20_000);
  while (!isRecordCard(posted));
  expect(textOf(cardOf(posted))).toContain('1 thing finished in this thread');
}, 90_000);
