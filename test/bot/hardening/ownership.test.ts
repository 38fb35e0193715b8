import { ALICE, BOB, BotHarness, TurnResult } from '../../support/botHarness';

const CAROL = { id: '29:carol', name: 'Carol Hunter' };
import { UNKNOWN_CARD_REPLY } from '../../../src/bot/turns/replies';
import { createLogger } from '../../../src/ops/logger';
import { button, buttonsOf, CardButton, cardOf, Json, textOf } from '../../../tools/cardReader';
import { CARD_ACTION_INVOKE } from '../../../src/core/wireNames';
import { MemoryRow, MemoryStateStore } from '../../../src/storage/memory/memoryStateStore';
import type { StateStore } from '../../../src/storage/stateStore';

/**
 * Whose card a click came from is decided by the message it came from, looked up in the records of
 * the cards the bot posted: the clicker's own, else that of the analyst the button names. The name on
 * the button only says where to look (whoever clicks can edit it), and cards of earlier versions carry
 * an owner stamp that is ignored. Cards are judged the same after a restart; a card no record lists
 * moves for nobody.
 */

const scope = 'channel';
const BELONGS_TO_ALICE = 'This walk-through belongs to Alice Analyst. Mention me with report, adjust or undo to start your own.';

/** The one message a turn posted: its card and the id Teams gave it. */
function postedCard(result: TurnResult): { card: Json; messageId: string } {
  expect(result.posted).toHaveLength(1);
  return { card: cardOf(result.posted[0]), messageId: String(result.posted[0].id) };
}

const withData = (clicked: CardButton, data: Json): CardButton => ({ ...clicked, data });

function expectPrivateAnswer(result: TurnResult, text: string): void {
  expect(result.posted).toHaveLength(0);
  expect(result.updated).toHaveLength(0);
  expect(result.invokeResponse?.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });
}

let stored: Map<string, MemoryRow>;
let storage: MemoryStateStore;
const storedKeys = (): string[] => [...stored.keys()];
const bobsRecords = (): string[] => storedKeys().filter((key) => key.endsWith(`/users/${encodeURIComponent(BOB.id)}`));
const recordKeyOf = (analystId: string): string | undefined => storedKeys().find((key) => key.endsWith(`/users/${encodeURIComponent(analystId)}`));
const recordOf = async (analystId: string): Promise<unknown> => {
  const key = recordKeyOf(analystId)!;
  return (await storage.read([key]))[key];
};

let bot: BotHarness;
let alice: { card: Json; messageId: string };
beforeEach(async () => {
  stored = new Map();
  storage = new MemoryStateStore(stored);
  bot = new BotHarness(storage);
  alice = postedCard(await bot.say('undo', { scope, as: ALICE }));
});

describe("someone else's card cannot be taken over by editing its data", () => {
  it('Bob puts his own id on the button of Alice\'s card: told it is hers; her card and his state untouched', async () => {
    const next = button(alice.card, 'I have them, continue');
    const forged = withData(next, { ...next.data, owner: BOB.id, ownerName: BOB.name });

    expectPrivateAnswer(await bot.execute(forged, { scope, as: BOB, replyToId: alice.messageId }), BELONGS_TO_ALICE);
    const submitted = await bot.submit(forged, { scope, as: BOB, replyToId: alice.messageId });
    expect(submitted.updated).toHaveLength(0);
    expect(submitted.posted.map((a) => a.text)).toEqual([BELONGS_TO_ALICE]);
    expect(bobsRecords()).toEqual([]);
  });

  it('every button that clicks back names the analyst the card was posted for, and nothing else about them', async () => {
    const clicking = buttonsOf(alice.card).filter((b) => b.type === 'Action.Execute' || b.type === 'Action.Submit');
    expect(clicking.length).toBeGreaterThan(1);
    for (const b of clicking) expect(b.data).toMatchObject({ postedFor: ALICE.id });
    expect(JSON.stringify(alice.card)).not.toContain(ALICE.name);
  });

  it("Bob copies the whole data of a button from his own card onto Alice's (so it names him): refused, and nothing moves", async () => {
    const bobs = postedCard(await bot.say('undo', { scope, as: BOB }));
    const transplanted = button(bobs.card, 'I have them, continue');
    const aliceBefore = await recordOf(ALICE.id);

    expectPrivateAnswer(await bot.execute(transplanted, { scope, as: BOB, replyToId: alice.messageId }), UNKNOWN_CARD_REPLY);
    expect(await recordOf(ALICE.id)).toEqual(aliceBefore);
    // His own card still moves for him.
    const moved = await bot.execute(transplanted, { scope, as: BOB, replyToId: bobs.messageId });
    expect(textOf(moved.invokeResponse?.body.value as Json)).toContain('Step 1 of 7');
  });

  it("Bob names a third analyst, or nobody, on the button of Alice's card: refused, by Action.Execute and by Action.Submit", async () => {
    await bot.say('help', { scope, as: CAROL });
    const next = button(alice.card, 'I have them, continue');
    const { postedFor: _alice, ...unnamed } = next.data as Json;
    for (const data of [{ ...next.data, postedFor: CAROL.id }, unnamed]) {
      expectPrivateAnswer(await bot.execute(withData(next, data), { scope, as: BOB, replyToId: alice.messageId }), UNKNOWN_CARD_REPLY);
      const submitted = await bot.submit(withData(next, data), { scope, as: BOB, replyToId: alice.messageId });
      expect(submitted.updated).toHaveLength(0);
      expect(submitted.posted.map((a) => a.text)).toEqual([UNKNOWN_CARD_REPLY]);
    }
    expect(bobsRecords()).toEqual([]);
  });

  it("Bob clicks Alice's card as drawn (no owner on it) or as an earlier version drew it (her stamp on it): still hers", async () => {
    const next = button(alice.card, 'I have them, continue');
    expect(next.data).not.toHaveProperty('owner');
    const oldCard = withData(next, { ...next.data, owner: ALICE.id, ownerName: ALICE.name });
    for (const clicked of [next, oldCard]) expectPrivateAnswer(await bot.execute(clicked, { scope, as: BOB, replyToId: alice.messageId }), BELONGS_TO_ALICE);
    expect(bobsRecords()).toEqual([]);
  });

  it('a stamp added to a card for anyone does not let its clicker replace it: his card comes as a new message', async () => {
    const menu = postedCard(await bot.say('help', { scope, as: ALICE }));
    const undo = button(menu.card, 'Undo a remediation');
    const forged = withData(undo, { ...undo.data, owner: BOB.id, ownerName: BOB.name });

    const result = await bot.submit(forged, { scope, as: BOB, replyToId: menu.messageId });
    expect(result.updated).toHaveLength(0);
    expect(textOf(cardOf(result.posted[0]))).toContain('check your permissions');
  });

  it("Bob's click on Alice's card for anyone (her menu, or her walk-through once it ended in an answer) brings him his own new card", async () => {
    const menu = postedCard(await bot.say('help', { scope, as: ALICE }));
    const fromMenu = await bot.execute(button(menu.card, 'Undo a remediation'), { scope, as: BOB, replyToId: menu.messageId });
    expect(textOf(cardOf(fromMenu.posted[0]))).toContain('check your permissions');

    const report = postedCard(await bot.say('report', { scope, as: ALICE }));
    const url = await bot.execute(button(report.card, /URL/), { scope, as: ALICE, replyToId: report.messageId });
    const blocked = await bot.execute(button(url.invokeResponse?.body.value as Json, /wrongly detected/), { scope, as: ALICE, replyToId: report.messageId });
    const answer = blocked.invokeResponse?.body.value as Json;
    expect(textOf(answer)).toContain('Microsoft');
    const undo = await bot.execute(button(answer, 'Undo a remediation'), { scope, as: BOB, replyToId: report.messageId });
    expect(undo.updated).toHaveLength(0);
    expect(textOf(cardOf(undo.posted[0]))).toContain('check your permissions');
    expect(undo.invokeResponse?.body.type).toBe('application/vnd.microsoft.activity.message');
  });

  it("Alice's own clicks still move her card in place", async () => {
    const moved = await bot.execute(button(alice.card, 'I have them, continue'), { scope, as: ALICE, replyToId: alice.messageId });
    expect(moved.invokeResponse?.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const submitted = await bot.submit(button(alice.card, 'Cancel'), { scope, as: ALICE, replyToId: alice.messageId });
    expect(submitted.updated.map((a) => a.id)).toEqual([alice.messageId]);
  });
});

describe('across a restart (same storage, new bot)', () => {
  it('cards posted before it are judged the same: hers for Alice, not for Bob', async () => {
    const restarted = new BotHarness(storage);
    const next = button(alice.card, 'I have them, continue');
    const forged = withData(next, { ...next.data, owner: BOB.id, ownerName: BOB.name });
    expectPrivateAnswer(await restarted.execute(forged, { scope, as: BOB, replyToId: alice.messageId }), BELONGS_TO_ALICE);

    const moved = await restarted.execute(next, { scope, as: ALICE, replyToId: alice.messageId });
    expect(textOf(moved.invokeResponse?.body.value as Json)).toContain('Step 1 of 7');
  });
});

describe('cards no record lists move for nobody', () => {
  it("(Alice's record swept with old state) Bob with a forged stamp is refused, by Action.Execute and by Action.Submit; so is Alice; a fresh command works", async () => {
    const next = button(alice.card, 'I have them, continue');
    const forged = withData(next, { ...next.data, owner: BOB.id, ownerName: BOB.name });
    await storage.delete([recordKeyOf(ALICE.id)!]);

    expectPrivateAnswer(await bot.execute(forged, { scope, as: BOB, replyToId: alice.messageId }), UNKNOWN_CARD_REPLY);
    const submitted = await bot.submit(forged, { scope, as: BOB, replyToId: alice.messageId });
    expect(submitted.updated).toHaveLength(0);
    expect(submitted.posted.map((a) => a.text)).toEqual([UNKNOWN_CARD_REPLY]);
    expect(bobsRecords()).toEqual([]);
    expectPrivateAnswer(await bot.execute(next, { scope, as: ALICE, replyToId: alice.messageId }), UNKNOWN_CARD_REPLY);
    expect(textOf(postedCard(await bot.say('undo', { scope, as: ALICE })).card)).toContain('check your permissions');
  });

  it('a card older than the 32 latest of its analyst in this thread is refused; the newer ones still move', async () => {
    const cards = [alice];
    for (let i = 0; i < 32; i++) cards.push(postedCard(await bot.say('undo', { scope, as: ALICE })));
    const next = (card: { card: Json }) => button(card.card, 'I have them, continue');
    expectPrivateAnswer(await bot.execute(next(cards[0]), { scope, as: ALICE, replyToId: cards[0].messageId }), UNKNOWN_CARD_REPLY);
    const moved = await bot.execute(next(cards[1]), { scope, as: ALICE, replyToId: cards[1].messageId });
    expect(moved.invokeResponse?.body.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('a click that names no message at all is refused', async () => {
    const next = button(alice.card, 'I have them, continue');
    const noMessage = await bot.send({ type: 'invoke', name: CARD_ACTION_INVOKE, value: { action: { type: 'Action.Execute', verb: next.verb, data: next.data } } }, { scope, as: ALICE });
    expectPrivateAnswer(noMessage, UNKNOWN_CARD_REPLY);
  });

  it("a card whose listing could not be written is still posted; an error line says so; everyone's clicks on it are refused", async () => {
    // The write after the post (the one that takes the reply off "pending" and lists its card) fails.
    const failingCardWrites: StateStore = {
      read: (keys) => storage.read(keys),
      delete: (keys) => storage.delete(keys),
      write: async (changes) => {
        if (Object.values(changes).some((item) => item !== undefined && 'seen' in item && !('pending' in item))) throw new Error('disk full');
        return storage.write(changes);
      },
    };
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    const unnoted = new BotHarness(failingCardWrites, log);
    const posted = postedCard(await unnoted.say('report', { scope, as: ALICE }));
    expect(textOf(posted.card)).toContain('which item');
    const errors = lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ msg: expect.stringContaining('reply sent but not recorded as sent: a re-delivery of its message would send it again, and clicks on its card are refused') })]);

    const picked = button(posted.card, buttonsOf(posted.card)[0].title);
    expectPrivateAnswer(await unnoted.execute(picked, { scope, as: BOB, replyToId: posted.messageId }), UNKNOWN_CARD_REPLY);
    expectPrivateAnswer(await unnoted.execute(picked, { scope, as: ALICE, replyToId: posted.messageId }), UNKNOWN_CARD_REPLY);
  });
});
