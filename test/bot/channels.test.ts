import { ALICE, BOB, BOT, BotHarness, Scope, TurnResult } from '../support/botHarness';
import { button, cardOf, Json, textOf, titleOf } from '../../tools/cardReader';

/** Incident channels and group chats: mention to talk, one walk-through per analyst, cards that move in place. */

let bot: BotHarness;
beforeEach(() => {
  bot = new BotHarness();
});

const cardIn = (result: TurnResult): Json => cardOf(result.posted[0]);
/** A mention entity as Teams sends it: who is mentioned, and how the text writes it. */
const mentionOf = (who: { id: string; name: string }, text = `<at>${who.name}</at>`) => ({ type: 'mention', mentioned: { id: who.id, name: who.name }, text });
const movedTo = (result: TurnResult): Json => {
  expect(result.invokeResponse?.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return result.invokeResponse!.body.value as Json;
};

describe.each<Scope>(['channel', 'groupChat'])('in a %s', (scope) => {
  it('answers only when mentioned', async () => {
    expect((await bot.say('undo', { scope, mention: false })).posted).toHaveLength(0);
    expect(titleOf(cardIn(await bot.say('undo', { scope })))).toBe('Undo a remediation: check your permissions first');
  });

  it('ignores a message that mentions someone else only', async () => {
    const result = await bot.send(
      { type: 'message', text: '<at>Bob Responder</at> undo', entities: [mentionOf(BOB)] },
      { scope },
    );
    expect(result.posted).toHaveLength(0);
  });

  it('is not confused by other people mentioned beside it', async () => {
    const result = await bot.send(
      {
        type: 'message',
        text: '<at>AIR Guide</at> REPORT <at>Bob Responder</at>',
        entities: [
          mentionOf(BOT),
          mentionOf(BOB),
        ],
      },
      { scope },
    );
    expect(titleOf(cardIn(result))).toBe('Report to Microsoft: which item?');
  });

  it('reads the command when a name is mentioned twice, or a client writes mentions without Teams markup', async () => {
    const twice = await bot.send(
      {
        type: 'message',
        text: '<at>Bob Responder</at> <at>AIR Guide</at> undo <at>Bob Responder</at>',
        entities: [
          mentionOf(BOT),
          mentionOf(BOB),
        ],
      },
      { scope },
    );
    const plain = await bot.send(
      { type: 'message', text: '@AIR Guide adjust', entities: [mentionOf(BOT, '@AIR Guide')] },
      { scope, as: BOB },
    );

    expect(titleOf(cardIn(twice))).toBe('Undo a remediation: check your permissions first');
    expect(titleOf(cardIn(plain))).toBe('Stop an alert from recurring');
  });

  it('takes card clicks without a mention (they carry no text)', async () => {
    const asked = await bot.say('report', { scope });
    const clicked = await bot.submit(button(cardIn(asked), 'Email message'), { scope });
    expect(clicked.updated.map((a) => a.id)).toEqual([asked.posted[0].id]);
    expect(titleOf(cardOf(clicked.updated[0]))).toBe('Report to Microsoft: Email message');
  });

  it('two analysts walk independently in the same thread', async () => {
    let alice = cardIn(await bot.say('undo', { scope, as: ALICE }));
    let bob = cardIn(await bot.say('undo', { scope, as: BOB }));
    alice = movedTo(await bot.execute(button(alice, 'I have them, continue'), { scope, as: ALICE }));
    alice = movedTo(await bot.execute(button(alice, 'Next'), { scope, as: ALICE }));
    alice = movedTo(await bot.execute(button(alice, 'Next'), { scope, as: ALICE }));
    bob = movedTo(await bot.execute(button(bob, 'I have them, continue'), { scope, as: BOB }));
    expect(textOf(alice)).toContain('Step 3 of 7');
    expect(textOf(bob)).toContain('Step 1 of 7');
    alice = movedTo(await bot.execute(button(alice, 'Next'), { scope, as: ALICE }));
    expect(textOf(alice)).toContain('Step 4 of 7');
  });

  it("a click on someone else's card gets a private answer and changes nothing", async () => {
    let alice = cardIn(await bot.say('undo', { scope, as: ALICE }));
    alice = movedTo(await bot.execute(button(alice, 'I have them, continue'), { scope, as: ALICE }));

    const bobClicks = await bot.execute(button(alice, 'Next'), { scope, as: BOB });
    expect(bobClicks.posted).toHaveLength(0);
    expect(bobClicks.invokeResponse?.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'This walk-through belongs to Alice Analyst. Mention me with report, adjust or undo to start your own.',
    });

    alice = movedTo(await bot.execute(button(alice, 'Next'), { scope, as: ALICE }));
    expect(textOf(alice)).toContain('Step 2 of 7');
  });

  it('a seven-step walk posts one new message and, when it finishes, the thread\'s record card; every click moves that card', async () => {
    const posted: string[] = [];
    const result = await bot.say('undo', { scope });
    posted.push(...result.posted.map((p) => titleOf(cardOf(p))));
    let card = cardIn(result);
    for (const title of ['I have them, continue', 'Next', 'Next', 'Next', 'A device', 'Next', 'Next', 'Next', 'Done']) {
      const click = await bot.execute(button(card, title), { scope });
      posted.push(...click.posted.map((p) => titleOf(cardOf(p))));
      card = movedTo(click);
    }
    expect(titleOf(card)).toBe('Undo walk-through complete');
    expect(posted).toEqual(['Undo a remediation: check your permissions first', 'Incident record']);
  });
});

it('in a channel, a thread is its own conversation: the same analyst can walk in two threads', async () => {
  await bot.say('undo', { scope: 'channel' });
  const other = await bot.send(
    {
      type: 'message',
      text: '<at>AIR Guide</at> help',
      conversation: { id: '19:incident-42@thread.tacv2;messageid=1700000009999', conversationType: 'channel', isGroup: true, name: '' },
      entities: [mentionOf(BOT)],
    },
    { scope: 'channel' },
  );
  expect(textOf(cardIn(other))).not.toContain('You still have');
});
