import { BotHarness, TurnResult } from '../../support/botHarness';
import { button, cardOf, Json, textOf } from '../../../tools/cardReader';
import { CARD_ACTION_INVOKE } from '../../../src/core/wireNames';
import { MemoryRow, MemoryStateStore } from '../../../src/storage/memory/memoryStateStore';

/**
 * Every card submit and invoke payload is checked before use, end to end through the real bot:
 * malformed ones get a clear answer and change nothing, and the walk goes on as before.
 */

const REFUSAL = /^I could not use that button: [^.]+\. Nothing was changed; type help to see what I can do\.$/;

const nested = (depth: number): Json => (depth === 0 ? { verb: 'command', command: 'help' } : { verb: 'command', command: nested(depth - 1) });
const manyFields = Object.fromEntries([['verb', 'command'], ['command', 'help'], ...Array.from({ length: 50_000 }, (_, i) => [`f${i}`, i])]);
const polluting = JSON.parse('{"verb":"command","command":"help","__proto__":{"polluted":true}}');

/** Button data as a client could send it, valid or not. */
const badData: [string, unknown][] = [
  ['a number', 42],
  ['true', true],
  ['null', null],
  ['a huge string', 'x'.repeat(1_000_000)],
  ['a verb of the wrong type', { verb: ['command'] }],
  ['a command nested 5,000 deep', nested(5_000)],
  ['50,000 extra fields', manyFields],
  ['a __proto__ field', polluting],
  ['a constructor field', { verb: 'command', command: 'help', constructor: { prototype: { polluted: true } } }],
  ['an owner of the wrong type', { verb: 'command', command: 'help', owner: 7, ownerName: 'Eve' }],
  ['a walk id with markup', { verb: 'undo.next', walk: '<script>', step: 1 }],
  ['a negative step', { verb: 'undo.next', walk: 'walk-1', step: -1 }],
  ['an infinite step', { verb: 'undo.next', walk: 'walk-1', step: 1e400 }],
  ['a tampered conversation', { verb: 'undo.next', walk: 'walk-1', step: 1, conversation: { id: '19:elsewhere' } }],
  ['a tampered user', { verb: 'undo.next', walk: 'walk-1', step: 1, from: { id: '29:mallory' } }],
];

/** Whole `adaptiveCard/action` invoke values a client could send, none a proper Action.Execute. */
const badInvokeValues: [string, unknown][] = [
  ['no value', undefined],
  ['a string', 'undo.next'],
  ['an array', [{ action: {} }]],
  ['no action', {}],
  ['a null action', { action: null }],
  ['an action that is a string', { action: 'Action.Execute' }],
  ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'undo.next', data: { verb: 'undo.next', walk: 'walk-1', step: 1 } } }],
  ['no data', { action: { type: 'Action.Execute', verb: 'undo.next' } }],
  ['data naming another verb', { action: { type: 'Action.Execute', verb: 'undo.next', data: { verb: 'undo.back', walk: 'walk-1', step: 1 } } }],
];

let memory: Map<string, MemoryRow>;
let bot: BotHarness;
let stepOne: Json;
beforeEach(async () => {
  memory = new Map();
  bot = new BotHarness(new MemoryStateStore(memory));
  const permissions = cardOf((await bot.say('undo')).posted[0]);
  stepOne = (await bot.execute(button(permissions, 'I have them, continue'))).invokeResponse!.body.value as Json;
});

/** What is stored, but for eTags and the activities seen. */
const storedState = (): string => JSON.stringify([...memory].map(([key, row]) => [key, { ...JSON.parse(row.json), seen: undefined }]));

async function expectWalkUnchanged(before: string): Promise<void> {
  expect(storedState()).toBe(before);
  expect(({} as Json).polluted).toBeUndefined();
  const next = await bot.execute(button(stepOne, 'Next'));
  expect(textOf(next.invokeResponse!.body.value as Json)).toContain('Step 2 of 7');
}

describe.each(badData)('button data that is %s', (_name, data) => {
  it('as a submit: one refusal line, no card moved', async () => {
    const before = storedState();
    const result: TurnResult = await bot.send({ type: 'message', value: data === null ? { data } : data }, { replyToId: 'card-message-1' });
    expect(result.updated).toHaveLength(0);
    expect(result.posted.map((a) => a.text)).toEqual([expect.stringMatching(REFUSAL)]);
    await expectWalkUnchanged(before);
  });

  it('as an Action.Execute: a refusal in the invoke answer, no card moved', async () => {
    const before = storedState();
    const result = await bot.send({
      type: 'invoke',
      name: CARD_ACTION_INVOKE,
      // The verb the data names, so the data itself is what gets checked.
      value: { action: { type: 'Action.Execute', verb: (data as Json | null)?.verb ?? 'undo.next', data } },
    });
    expect(result.posted).toHaveLength(0);
    expect(result.invokeResponse).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(REFUSAL) },
    });
    await expectWalkUnchanged(before);
  });
});

it.each(badInvokeValues)('an adaptiveCard/action invoke with %s: a refusal, no card moved', async (_name, value) => {
  const before = storedState();
  const result = await bot.send({ type: 'invoke', name: CARD_ACTION_INVOKE, value });
  expect(result.posted).toHaveLength(0);
  expect(result.invokeResponse?.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(REFUSAL) });
  await expectWalkUnchanged(before);
});

it('a made-up field name is quoted without anything that could be a link or markup', async () => {
  const result = await bot.send({ type: 'message', value: { verb: 'command', command: 'help', '[Reset your password](https://evil.example)': 1 } });
  const [refusal] = result.posted;
  expect(refusal.textFormat).toBe('plain');
  expect(refusal.text).toBe(
    'I could not use that button: the button sent an unexpected field "Reset your passwordhttpsevilexamp". Nothing was changed; type help to see what I can do.',
  );
});
