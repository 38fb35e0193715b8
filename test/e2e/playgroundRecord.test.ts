import { RunningPlayground } from '../../scripts/playground';
import { button, buttonsOf, Json, textOf, titleOf } from '../support/cardReader';
import { cardIn, InvokeAnswer, PlaygroundClient, PlaygroundMessage, PlaygroundUser } from '../support/playgroundClient';
import { startTestPlayground } from '../support/playgroundSession';

/**
 * End to end through Microsoft 365 Agents Playground: the incident thread's record. Two analysts
 * (the Playground's user and its other mock user) finish three tasks in one channel thread.
 */

jest.setTimeout(90_000);

let playground: RunningPlayground | undefined;
let client: PlaygroundClient;
let alex: PlaygroundUser;
let megan: PlaygroundUser;

beforeAll(async () => {
  playground = await startTestPlayground();
  client = await PlaygroundClient.connect(playground.url);
  alex = client.world.me;
  megan = client.world.others[0];
});

afterAll(async () => {
  client?.close();
  await playground?.stop();
});

const CARD = 'application/vnd.microsoft.card.adaptive';
const RECORD = 'Incident record';

function replacement(answer: InvokeAnswer): Json {
  if (answer.type !== CARD) throw new Error(`expected the card to move, got ${answer.type}: ${JSON.stringify(answer.value)}`);
  return answer.value as Json;
}

const isRecord = (message: PlaygroundMessage): boolean => message.attachments.length > 0 && titleOf(cardIn(message)) === RECORD;

/** Clicks through the cards of one task, starting from the card the bot posted, until `last` is clicked. */
async function clickThrough(thread: string, as: PlaygroundUser, first: PlaygroundMessage, titles: (string | RegExp)[]): Promise<Json> {
  let card = cardIn(first);
  for (const title of titles) card = replacement(await client.execute(thread, as, first.messageId, button(card, title)));
  return card;
}

it('one record card in the thread, updated in place with three entries in order; `record` re-posts it', async () => {
  const mark = client.mark();
  // Alex reports a URL as a false positive, starting the thread.
  const { conversationId: thread, reply: alexQuestion } = await client.ask(client.world.channelId, alex, 'report', true);
  const urlAnswer = await clickThrough(thread, alex, alexQuestion, [/^URL in an email/, /wrongly detected/i]);
  expect(titleOf(urlAnswer)).toMatch(/URL in an email message/);
  const records = client.createdSince(mark, thread).filter(isRecord);
  expect(records).toHaveLength(1);
  const recordId = records[0].messageId;
  expect(textOf(cardIn(records[0]))).toContain(alex.name);

  // Megan reports an email attachment that AIR missed.
  const meganQuestion = (await client.ask(thread, megan, 'report', true)).reply;
  await clickThrough(thread, megan, meganQuestion, [/^Email attachment/, /missed/i]);

  // Alex walks an undo to its end.
  const permissions = (await client.ask(thread, alex, 'undo', true)).reply;
  const closing = await clickThrough(thread, alex, permissions, ['I have them, continue', 'Next', 'Next', 'Next', /^A device$/, 'Next', 'Next', 'Next', 'Done']);
  expect(titleOf(closing)).toBe('Undo walk-through complete');

  const created = client.createdSince(mark, thread);
  // Three tasks: each one card that moved in place to its answer, and the one record card.
  expect(created.filter(isRecord).map((m) => m.messageId)).toEqual([recordId]);
  expect(created).toHaveLength(4);
  console.log(`new bot messages in the thread for three finished tasks: ${created.length} (${created.filter(isRecord).length} record card)`);
  const updates = client.updatedSince(mark, thread).filter(isRecord);
  expect(updates.length).toBeGreaterThanOrEqual(2);
  expect(new Set(updates.map((m) => m.messageId))).toEqual(new Set([recordId]));
  const text = textOf(cardIn(updates.at(-1)!));
  expect(text).toContain('3 things finished in this thread');
  const order = [
    text.indexOf('Walked through undoing a remediation (investigation about a device)'),
    text.indexOf('Reported to Microsoft: Email attachment'),
    text.indexOf('Reported to Microsoft: URL in an email message'),
  ];
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(text.indexOf(megan.name)).toBeGreaterThan(-1);
  expect(buttonsOf(cardIn(updates.at(-1)!)).map((b) => b.title)).toEqual(['Copy for the ticket']);

  // `record` posts it again at the bottom; the old card says it moved.
  const beforeRecord = client.mark();
  const reposted = (await client.ask(thread, alex, 'record', true)).reply;
  expect(isRecord(reposted)).toBe(true);
  expect(reposted.messageId).not.toBe(recordId);
  expect(textOf(cardIn(reposted))).toContain('3 things finished in this thread');
  const moved = await client.nextUpdate(beforeRecord, thread);
  expect(moved.messageId).toBe(recordId);
  expect(textOf(cardIn(moved))).toContain('moved below');
});
