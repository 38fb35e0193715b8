import { Activity } from 'botbuilder';
import { Actor, ALICE, BotHarness, Scope, TurnResult } from '../../support/botHarness';
import { button, cardOf, Json, textOf } from '../../../tools/cardReader';

/**
 * Whatever an analyst types or is called, the bot never interprets it: no template expression is
 * evaluated, no Markdown, HTML or mention markup comes back as such, and no card carries a link
 * that is not https.
 */

const HOSTILE = [
  '${string(1+1)}',
  '${$root}',
  "${json('{}')} report",
  '[Reset your password](javascript:alert(1))',
  '[help](https://evil.example/phish)',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '<at>AIR Guide</at> <at>Everyone</at>',
  '**bold** _it_ `code` ~~gone~~ # heading',
  '{{user.name}} %s %n \\u0000',
];

/** Every card a turn showed: posted, updated in place, or returned in the invoke answer. */
function cardsOf(result: TurnResult): Json[] {
  const fromActivities = [...result.posted, ...result.updated].filter((a) => a.attachments?.length).map((a) => cardOf(a));
  const body = result.invokeResponse?.body;
  return body?.type === 'application/vnd.microsoft.card.adaptive' ? [...fromActivities, body.value as Json] : fromActivities;
}

/**
 * Every link a card shows: url properties anywhere, and Markdown links inside any text. Button
 * `data` is left out: it is sent back on a click, never shown.
 */
function linksOf(node: unknown): string[] {
  if (typeof node === 'string') return [...node.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
  if (Array.isArray(node)) return node.flatMap(linksOf);
  if (node && typeof node === 'object') {
    return Object.entries(node as Json).flatMap(([key, value]) => {
      if (key === 'data') return [];
      return key.toLowerCase().endsWith('url') && typeof value === 'string' ? [value] : linksOf(value);
    });
  }
  return [];
}

/** What a person reads: card texts and plain text replies. */
function visibleText(result: TurnResult): string {
  const replies = result.posted.filter((a) => !a.attachments?.length).map((a) => String(a.text));
  const invokeText = result.invokeResponse?.body.type === 'application/vnd.microsoft.activity.message' ? [String(result.invokeResponse.body.value)] : [];
  return [...cardsOf(result).map(textOf), ...replies, ...invokeText].join('\n');
}

function expectNothingInterpreted(result: TurnResult, hostile: string): void {
  for (const card of cardsOf(result)) {
    for (const link of linksOf(card)) expect(link).toMatch(/^https:\/\//);
  }
  const seen = visibleText(result);
  expect(seen).not.toContain(hostile);
  expect(seen).not.toMatch(/\$\{|javascript:|https?:\/\/|\]\(|<script|<at>/);
}

let bot: BotHarness;
beforeEach(() => {
  bot = new BotHarness();
});

describe.each<Scope>(['personal', 'channel'])('in a %s conversation', (scope) => {
  it.each(HOSTILE)('typed text %j is answered, never echoed or evaluated', async (hostile) => {
    const result = await bot.say(hostile, { scope });
    expect(result.posted.length).toBeGreaterThan(0);
    expectNothingInterpreted(result, hostile);
  });

  it.each(HOSTILE)('an analyst named %j: their cards never carry the name, not even in button data, and every step works', async (hostile) => {
    const eve: Actor = { id: '29:eve', name: hostile };
    let result = await bot.say('undo', { scope, as: eve });
    expectNothingInterpreted(result, hostile);
    let card = cardOf(result.posted[0]);
    for (const title of ['I have them, continue', 'Next', 'Next', 'Next']) {
      expect(JSON.stringify(card)).not.toContain(JSON.stringify(hostile).slice(1, -1));
      result = await bot.execute(button(card, title), { scope, as: eve });
      expectNothingInterpreted(result, hostile);
      card = cardsOf(result)[0];
    }
  });

  it.each(HOSTILE)("someone else clicking the card of an analyst named %j reads the name as plain words", async (hostile) => {
    const eve: Actor = { id: '29:eve', name: hostile };
    const card = cardOf((await bot.say('report', { scope, as: eve })).posted[0]);
    const result = await bot.execute(button(card, 'Email message'), { scope, as: ALICE });
    const reply = String(result.invokeResponse?.body.value);
    // Plain words; a dot inside a word is defanged as `[.]`.
    expect(reply).toMatch(/^This walk-through belongs to (?:[\p{L}\p{N} .'-]|\[\.\])+\. Mention me/u);
    expectNothingInterpreted(result, hostile);
  });
});

it('a message whose entities carry markup of their own changes nothing either', async () => {
  const result = await bot.send({
    type: 'message',
    text: '<at>AIR Guide</at> report',
    entities: [{ type: 'mention', mentioned: { id: '28:air-bot', name: '${$root}' }, text: '<at>AIR Guide</at>' }],
  } as Partial<Activity>);
  expect(textOf(cardOf(result.posted[0]))).toContain('which item');
  expectNothingInterpreted(result, '${$root}');
});
