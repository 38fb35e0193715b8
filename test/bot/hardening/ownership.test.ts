import { ALICE, BOB, BotHarness, TurnResult } from '../../support/botHarness';
import { UNKNOWN_CARD_REPLY } from '../../../src/bot/replies';
import { createLogger } from '../../../src/ops/logger';
import { button, buttonsOf, CardButton, cardOf, Json, textOf } from '../../../tools/cardReader';
import { CARD_ACTION_INVOKE } from '../../../src/bot/wireNames';
import { MemoryRow, MemoryStateStore } from '../../../src/storage/memoryStateStore';
import type { StateStore } from '../../../src/storage/stateStore';

/**
 * Whose card a click came from is decided by the message it came from, through the bot's ledger of
 * the cards it posted, never by the button's data, which whoever clicks can edit (cards of earlier
 * versions carry an owner stamp there: it is ignored).
 * Cards are judged the same after a restart; a card the ledger has no record of moves only for the
 * analyst whose own record lists it as theirs.
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

  it("Bob copies the whole data of a button from his own card onto Alice's: still hers", async () => {
    const bobs = postedCard(await bot.say('undo', { scope, as: BOB }));
    const transplanted = button(bobs.card, 'I have them, continue');

    expectPrivateAnswer(await bot.execute(transplanted, { scope, as: BOB, replyToId: alice.messageId }), BELONGS_TO_ALICE);
    // His own card still moves for him.
    const moved = await bot.execute(transplanted, { scope, as: BOB, replyToId: bobs.messageId });
    expect(textOf(moved.invokeResponse?.body.value as Json)).toContain('Step 1 of 7');
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

describe("cards the ledger has no record of: only the owner's own record can prove them hers, nothing else moves them", () => {
  const forgetCard = async (messageId: string): Promise<void> => {
    const ledgerKey = storedKeys().find((key) => key.endsWith(`/cards/${encodeURIComponent(messageId)}`));
    await storage.delete([ledgerKey!]);
  };
  const aliceRecordOf = async (): Promise<unknown> => {
    const key = storedKeys().find((k) => k.endsWith(`/users/${encodeURIComponent(ALICE.id)}`))!;
    return (await storage.read([key]))[key];
  };

  it('(swept with old state) Bob with a forged stamp is refused, by Action.Execute and by Action.Submit; Alice\'s walk and card stay', async () => {
    const next = button(alice.card, 'I have them, continue');
    const forged = withData(next, { ...next.data, owner: BOB.id, ownerName: BOB.name });
    await forgetCard(alice.messageId);
    const aliceBefore = await aliceRecordOf();

    expectPrivateAnswer(await bot.execute(forged, { scope, as: BOB, replyToId: alice.messageId }), UNKNOWN_CARD_REPLY);
    const submitted = await bot.submit(forged, { scope, as: BOB, replyToId: alice.messageId });
    expect(submitted.updated).toHaveLength(0);
    expect(submitted.posted.map((a) => a.text)).toEqual([UNKNOWN_CARD_REPLY]);
    expect(bobsRecords()).toEqual([]);
    expect(await aliceRecordOf()).toEqual(aliceBefore);
  });

  it("Alice's own record still lists her card, so her click moves it; a fresh command works too", async () => {
    await forgetCard(alice.messageId);
    const moved = await bot.execute(button(alice.card, 'I have them, continue'), { scope, as: ALICE, replyToId: alice.messageId });
    expect(textOf(moved.invokeResponse?.body.value as Json)).toContain('Step 1 of 7');
    expect(textOf(postedCard(await bot.say('undo', { scope, as: ALICE })).card)).toContain('check your permissions');
  });

  it('a click that names no message at all is refused', async () => {
    const next = button(alice.card, 'I have them, continue');
    const noMessage = await bot.send({ type: 'invoke', name: CARD_ACTION_INVOKE, value: { action: { type: 'Action.Execute', verb: next.verb, data: next.data } } }, { scope, as: ALICE });
    expectPrivateAnswer(noMessage, UNKNOWN_CARD_REPLY);
  });

  it("a card whose owner could not be noted is still posted; an error line says so; others' clicks on it are refused, its owner's record still lists it", async () => {
    const failingCardWrites: StateStore = {
      read: (keys) => storage.read(keys),
      delete: (keys) => storage.delete(keys),
      write: async (changes) => {
        if (Object.keys(changes).some((key) => key.includes('/cards/'))) throw new Error('disk full');
        return storage.write(changes);
      },
    };
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    const unnoted = new BotHarness(failingCardWrites, log);
    const posted = postedCard(await unnoted.say('report', { scope, as: ALICE }));
    expect(textOf(posted.card)).toContain('which item');
    const errors = lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ msg: expect.stringContaining('card ownership not recorded'), err: expect.objectContaining({ message: 'disk full' }) })]);

    const picked = button(posted.card, buttonsOf(posted.card)[0].title);
    expectPrivateAnswer(await unnoted.execute(picked, { scope, as: BOB, replyToId: posted.messageId }), UNKNOWN_CARD_REPLY);
    const moved = await unnoted.execute(picked, { scope, as: ALICE, replyToId: posted.messageId });
    expect(moved.invokeResponse?.body.type).toBe('application/vnd.microsoft.card.adaptive');
  });
});
