import fc from 'fast-check';
import { Activity } from 'botbuilder';
import { ALICE, BOB, BotHarness, Scope, TurnResult } from '../../support/botHarness';
import { buttonsOf, CardButton, cardOf, Json } from '../../../tools/cardReader';
import { CARD_ACTION_INVOKE } from '../../../src/core/wireNames';

/**
 * Random conversations thrown at the real bot: typed text, clicks on real buttons with their data
 * kept, edited or swapped, arbitrary submit and invoke payloads, and activity types the bot does not
 * handle. Whatever comes, no turn throws, nothing is left rejected, and every turn that expects an
 * answer gets one.
 */

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const FIELD_NAMES = ['verb', 'command', 'item', 'verdict', 'scenario', 'walk', 'step', 'branch', 'owner', 'ownerName', '__proto__', 'constructor'];
const WORDS = ['report', 'adjust', 'undo', 'help', 'cancel', 'start over', 'REPORT', ' undo ', '${undo}', '[undo](javascript:x)', '<at>undo</at>'];

const actor = fc.constantFrom(ALICE, BOB, { id: '29:eve', name: '${$root} <b>[x](javascript:y)</b>' });
const scope = fc.constantFrom<Scope>('personal', 'groupChat', 'channel');
/** Values shaped like button data often enough to reach deep into the checks, and anything JSON besides. */
const payload = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue(), { maxKeys: 6 }));

const turn = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), actor, scope, mention: fc.boolean(), text: fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 300 })) }),
  fc.record({
    kind: fc.constant('click' as const),
    actor,
    scope,
    via: fc.constantFrom('execute' as const, 'submit' as const),
    pick: fc.nat(),
    edit: fc.option(fc.tuple(fc.constantFrom(...FIELD_NAMES, 'extra'), fc.jsonValue()), { nil: undefined }),
    onItsMessage: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('submit' as const), actor, scope, value: payload }),
  fc.record({
    kind: fc.constant('invoke' as const),
    actor,
    scope,
    name: fc.oneof(fc.constant(CARD_ACTION_INVOKE), fc.string({ maxLength: 20 })),
    value: fc.oneof(payload, fc.record({ action: fc.record({ type: fc.constantFrom('Action.Execute', 'Action.Submit'), verb: fc.string(), data: payload }) })),
  }),
  fc.record({ kind: fc.constant('other' as const), actor, scope, type: fc.constantFrom('conversationUpdate', 'messageReaction', 'typing', 'event', 'installationUpdate', 'endOfConversation', 'trace') }),
);
type Turn = typeof turn extends fc.Arbitrary<infer T> ? T : never;

/** A button the bot has shown, with the message it sits in. */
interface Shown {
  readonly button: CardButton;
  readonly messageId: string;
}

function remember(shown: Shown[], result: TurnResult, clickedMessage: string): void {
  for (const activity of [...result.posted, ...result.updated]) {
    if (!activity.attachments?.length) continue;
    for (const b of buttonsOf(cardOf(activity))) if (b.data) shown.push({ button: b, messageId: String(activity.id) });
  }
  const body = result.invokeResponse?.body;
  if (body?.type === CARD) for (const b of buttonsOf(body.value as Json)) if (b.data) shown.push({ button: b, messageId: clickedMessage });
}

type Expected = 'message' | 'invoke' | 'none';

/** Plays one turn; `message` is the message a click came from (the harness's default otherwise). */
async function play(bot: BotHarness, shown: readonly Shown[], t: Turn): Promise<{ result: TurnResult; expectsAnswer: Expected; message?: string }> {
  const options = { as: t.actor, scope: t.scope };
  switch (t.kind) {
    case 'text': {
      const result = await bot.say(t.text, { ...options, mention: t.mention });
      return { result, expectsAnswer: t.scope === 'personal' || t.mention ? 'message' : 'none' };
    }
    case 'click': {
      if (shown.length === 0) return { result: await bot.say('undo', options), expectsAnswer: 'message' };
      const { button, messageId } = shown[t.pick % shown.length];
      const data = t.edit ? { ...button.data, [t.edit[0]]: t.edit[1] } : button.data;
      const clicked = { ...button, data };
      const replyToId = t.onItsMessage ? messageId : 'some-other-message';
      const result = t.via === 'execute' ? await bot.execute(clicked, { ...options, replyToId }) : await bot.submit(clicked, { ...options, replyToId });
      return { result, expectsAnswer: t.via === 'execute' ? 'invoke' : 'message', message: replyToId };
    }
    case 'submit': {
      const result = await bot.send({ type: 'message', value: t.value }, options);
      // A null value is no submit: the message is read as typed (empty) text, which in a group needs a mention.
      return { result, expectsAnswer: t.value === null && t.scope !== 'personal' ? 'none' : 'message' };
    }
    case 'invoke':
      return { result: await bot.send({ type: 'invoke', name: t.name, value: t.value }, options), expectsAnswer: 'invoke' };
    case 'other':
      return { result: await bot.send({ type: t.type, membersAdded: [{ id: t.actor.id, name: t.actor.name }] } as Partial<Activity>, options), expectsAnswer: 'none' };
  }
}

function expectAnswered(t: Turn, result: TurnResult, expectsAnswer: Expected): void {
  if (expectsAnswer === 'message') expect(result.posted.length + result.updated.length).toBeGreaterThan(0);
  if (expectsAnswer !== 'invoke') return;
  expect(result.invokeResponse).toBeDefined();
  if (t.kind === 'invoke' && t.name !== CARD_ACTION_INVOKE) return;
  expect(result.invokeResponse?.status).toBe(200);
  expect([CARD, MESSAGE]).toContain(result.invokeResponse?.body.type);
}

it('no random conversation crashes the bot, leaves a rejection behind, or goes unanswered', async () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(turn, { minLength: 1, maxLength: 12 }), async (turns) => {
        const bot = new BotHarness();
        const shown: Shown[] = [];
        for (const t of turns) {
          const { result, expectsAnswer, message } = await play(bot, shown, t);
          remember(shown, result, message ?? 'card-message-1');
          expectAnswered(t, result, expectsAnswer);
        }
      }),
      { numRuns: 300 },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(rejections).toEqual([]);
  } finally {
    process.off('unhandledRejection', onRejection);
  }
});

/** Activities as plain JSON could carry them: any field the bot reads may hold any type. */
const wireActivity = fc.record(
  {
    type: fc.constantFrom('message', 'invoke', 'conversationUpdate'),
    name: fc.constant(CARD_ACTION_INVOKE),
    text: fc.jsonValue(),
    value: fc.jsonValue(),
    entities: fc.jsonValue(),
    membersAdded: fc.jsonValue(),
    from: fc.record({ id: fc.constant(ALICE.id), name: fc.jsonValue() }),
  },
  { requiredKeys: ['type', 'from'] },
);

it('fields of the wrong type are read as absent: no turn throws, messages and card clicks are answered', async () => {
  await fc.assert(
    fc.asyncProperty(wireActivity, async (activity) => {
      const result = await new BotHarness().send(activity as unknown as Partial<Activity>);
      if (activity.type === 'message') expect(result.posted.length + result.updated.length).toBeGreaterThan(0);
      if (activity.type === 'invoke' && activity.name) expect(result.invokeResponse?.body.type).toMatch(/^application\/vnd\.microsoft\./);
    }),
    { numRuns: 300 },
  );
});
