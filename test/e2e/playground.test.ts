import { RunningPlayground } from '../../scripts/playground';
import { BranchId } from '../../src/core/content';
import { button, buttonsOf, Json, textOf, titleOf } from '../../tools/cardReader';
import { cardIn, InvokeAnswer, PlaygroundClient, PlaygroundMessage, PlaygroundUser } from '../support/playgroundClient';
import { startTestPlayground } from '../support/playgroundSession';

/**
 * End to end through Microsoft 365 Agents Playground: the compiled bot over HTTP, driven through the
 * Playground's own REST and WebSocket API, in a Teams channel thread.
 */

jest.setTimeout(60_000);

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

/** The card that replaced the clicked one; fails on a text answer. */
function replacement(answer: InvokeAnswer): Json {
  if (answer.type !== CARD) throw new Error(`expected the card to move, got ${answer.type}: ${JSON.stringify(answer.value)}`);
  return answer.value as Json;
}

/** One analyst's card in a thread: the message it sits in and what it shows now. */
interface HeldCard {
  readonly messageId: string;
  card: Json;
}

async function startUndoInNewThread(as: PlaygroundUser): Promise<{ thread: string; held: HeldCard }> {
  const { conversationId, reply } = await client.ask(client.world.channelId, as, 'undo', true);
  return { thread: conversationId, held: { messageId: reply.messageId, card: cardIn(reply) } };
}

async function click(thread: string, as: PlaygroundUser, held: HeldCard, title: string | RegExp): Promise<Json> {
  held.card = replacement(await client.execute(thread, as, held.messageId, button(held.card, title)));
  return held.card;
}

describe.each<[BranchId, RegExp, string]>([
  ['email', /^Email \(the entity/, 'Office 365 Security & Compliance Center'],
  ['device', /^A device$/, 'security center'],
])('a whole undo walk in a channel thread (%s branch)', (branch, branchButton, opensIn) => {
  it('goes from the permissions card through steps 1 to 7 to the closing card, in one message', async () => {
    const mark = client.mark();
    const { thread, held } = await startUndoInNewThread(alex);
    expect(thread).toContain(';messageid=');
    expect(titleOf(held.card)).toBe('Undo a remediation: check your permissions first');

    const seen = [textOf(await click(thread, alex, held, 'I have them, continue'))];
    for (let step = 2; step <= 4; step++) seen.push(textOf(await click(thread, alex, held, 'Next')));
    seen.forEach((text, i) => expect(text).toContain(`Step ${i + 1} of 7`));

    // Step 4 cannot be left before the analyst says what the investigation is about.
    expect(() => button(held.card, 'Next')).toThrow();
    const chosen = textOf(await click(thread, alex, held, branchButton));
    expect(chosen).toContain('Step 4 of 7');
    expect(chosen).toContain(`The article sends you to the ${opensIn}`);
    expect(button(held.card, /^✓ /).data).toMatchObject({ branch });

    for (let step = 5; step <= 7; step++) expect(textOf(await click(thread, alex, held, 'Next'))).toContain(`Step ${step} of 7`);
    const closing = await click(thread, alex, held, 'Done');
    expect(titleOf(closing)).toBe('Undo walk-through complete');
    expect(textOf(closing)).toContain(`on the investigation about ${branch === 'email' ? 'email content' : 'a device'}`);

    // Every move replaced the card in place: the thread holds the bot's first card, and the record card the finished walk started (after its answer).
    await client.waitFor(() => client.createdSince(mark, thread).find(isRecord), 'the record card');
    expect(client.createdSince(mark, thread).map((m) => titleOf(cardIn(m)))).toEqual(['Undo a remediation: check your permissions first', 'Incident record']);
  });
});

it('moves the card in place for a client that sends Action.Submit too', async () => {
  const { thread, held } = await startUndoInNewThread(alex);
  const mark = client.mark();
  await client.submit(thread, alex, held.messageId, button(held.card, 'I have them, continue'));
  const updated = await client.nextUpdate(mark, thread);
  expect(updated.messageId).toBe(held.messageId);
  expect(textOf(cardIn(updated))).toContain('Step 1 of 7');
  expect(client.createdSince(mark, thread)).toHaveLength(0);
});

it('lets two analysts in one thread walk independently, each on their own card', async () => {
  const mark = client.mark();
  const { thread, held: alexCard } = await startUndoInNewThread(alex);
  const { conversationId, reply } = await client.ask(thread, megan, 'undo', true);
  expect(conversationId).toBe(thread);
  const meganCard: HeldCard = { messageId: reply.messageId, card: cardIn(reply) };
  expect(meganCard.messageId).not.toBe(alexCard.messageId);

  await click(thread, alex, alexCard, 'I have them, continue');
  await click(thread, megan, meganCard, 'I have them, continue');
  await click(thread, alex, alexCard, 'Next');
  await click(thread, alex, alexCard, 'Next');
  expect(textOf(alexCard.card)).toContain('Step 3 of 7');
  expect(textOf(meganCard.card)).toContain('Step 1 of 7');

  // Megan clicking Alex's card gets a private answer; Alex's walk is where it was.
  const foreign = await client.execute(thread, megan, alexCard.messageId, button(alexCard.card, 'Next'));
  expect(foreign).toEqual({
    type: 'application/vnd.microsoft.activity.message',
    value: `This walk-through belongs to ${alex.name}. Mention me with report, adjust or undo to start your own.`,
  });
  expect(textOf(await click(thread, alex, alexCard, 'Next'))).toContain('Step 4 of 7');
  expect(textOf(await click(thread, megan, meganCard, 'Next'))).toContain('Step 2 of 7');

  expect(client.createdSince(mark, thread)).toHaveLength(2);
});

const isRecord = (message: PlaygroundMessage): boolean => message.attachments.length > 0 && titleOf(cardIn(message)) === 'Incident record';

/** Clicks through the cards of one task, starting from the card the bot posted, in place. */
async function clickThrough(thread: string, as: PlaygroundUser, first: PlaygroundMessage, titles: (string | RegExp)[]): Promise<Json> {
  let card = cardIn(first);
  for (const title of titles) card = replacement(await client.execute(thread, as, first.messageId, button(card, title)));
  return card;
}

it('the thread\'s record: two analysts finish three tasks; one record card, updated in place with three entries in order; `record` re-posts it', async () => {
  const mark = client.mark();
  // Alex reports a URL as a false positive, starting the thread.
  const { conversationId: thread, reply: alexQuestion } = await client.ask(client.world.channelId, alex, 'report', true);
  const urlAnswer = await clickThrough(thread, alex, alexQuestion, [/^URL in an email/, /wrongly detected/i]);
  expect(titleOf(urlAnswer)).toMatch(/URL in an email message/);
  // The record card is posted once the click has its answer.
  await client.waitFor(() => client.createdSince(mark, thread).find(isRecord), 'the record card');
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

  const showsAll = (m: PlaygroundMessage): boolean => isRecord(m) && textOf(cardIn(m)).includes('3 things finished in this thread');
  await client.waitFor(() => client.updatedSince(mark, thread).find(showsAll), 'the record card with three entries');
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
  const moved = await client.waitFor(() => client.updatedSince(beforeRecord, thread).find((m) => textOf(cardIn(m)).includes('moved below')), 'the old record card moved below');
  expect(moved.messageId).toBe(recordId);
  expect(textOf(cardIn(moved))).toContain('moved below');
});
