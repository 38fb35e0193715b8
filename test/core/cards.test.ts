import { parseCardAction } from '../../src/core/cardActions';
import { renderCard } from '../../src/core/cards/render';
import { View } from '../../src/core/views';
import { allViews } from '../support/allViews';
import { buttonsOf, Json, textOf } from '../../tools/cardReader';

// Microsoft's own Adaptive Cards library, loaded as its Node build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Teams' documented card limit is 28 KB for older clients; every card must stay well below it. */
const MAX_CARD_BYTES = 28 * 1024;
/** Elements and actions Teams renders in bot cards (Adaptive Cards 1.5). */
const TEAMS_TYPES = new Set([
  'AdaptiveCard', 'TextBlock', 'FactSet', 'Container', 'ActionSet', 'ColumnSet', 'Column', 'Image',
  'Action.Execute', 'Action.Submit', 'Action.OpenUrl', 'Input.Text',
]);

function typesIn(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => typesIn(n, found));
  else if (node && typeof node === 'object') {
    const record = node as Json;
    if (typeof record.type === 'string') found.add(record.type);
    Object.entries(record).forEach(([key, value]) => key !== 'data' && typesIn(value, found));
  }
  return found;
}

const urlsIn = (card: Json): string[] => JSON.stringify(card).match(/[a-z][a-z0-9+.-]*:\/\/[^\s)"'\]]+|javascript:[^\s)"']*/gi) ?? [];

const cases = allViews().map((view) => [`${view.card} ${JSON.stringify(view)}`, view] as [string, View]);

describe.each(cases)('card %s', (_name, view) => {
  const card = renderCard(view) as unknown as Json;

  it('parses with the Adaptive Cards library at version 1.5 with no validation errors', () => {
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card, context);
    const events = [...Array(context.eventCount).keys()].map((i) => context.getEventAt(i));
    expect(events).toEqual([]);
    expect(parsed.validateProperties().validationEvents).toEqual([]);
    expect(card.version).toBe('1.5');
  });

  it('uses only elements Teams renders, and stays small', () => {
    expect([...typesIn(card)].filter((t) => !TEAMS_TYPES.has(t))).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('links only to https pages', () => {
    const urls = urlsIn(card);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('gives every click button data that is exactly an action the bot accepts (no owner), with a Submit fallback carrying the same data', () => {
    const clicks = buttonsOf(card).filter((b) => b.type === 'Action.Execute');
    for (const click of clicks) {
      expect(click.data?.verb).toBe(click.verb);
      // The message action's inputs join the data when clicked.
      const sent = click.verb === 'act.message' ? { ...click.data, recipient: '', messageUrl: '' } : click.data;
      expect(parseCardAction(sent)).toEqual({ ok: true, action: sent });
      const fallback = { type: 'Action.Submit', title: click.title, data: click.data, ...(click.style ? { style: click.style } : {}) };
      expect((click as unknown as { fallback: Json }).fallback).toEqual(fallback);
    }
    expect(buttonsOf(card).every((b) => b.type !== 'Action.OpenUrl' || String(b.url).startsWith('https://'))).toBe(true);
  });

  it('reads well in Teams: button titles of at most 40 characters, at most one main action, no unbound field', () => {
    const buttons = buttonsOf(card);
    expect(buttons.filter((b) => b.title.length > 40).map((b) => b.title)).toEqual([]);
    expect(buttons.filter((b) => b.style === 'positive').length).toBeLessThanOrEqual(1);
    expect(buttons.every((b) => b.style === undefined || b.style === 'positive' || b.style === 'default')).toBe(true);
    expect(JSON.stringify(card)).not.toContain('${');
  });
});

/** Cards with one way forward mark it; questions and menus offer equal choices and mark none. */
const HAS_MAIN_ACTION: ReadonlySet<string> = new Set(['reportAnswer', 'adjustAnswer', 'undoPermissions', 'undoDone']);

describe.each(cases.filter(([, view]) => HAS_MAIN_ACTION.has(view.card) || (view.card === 'undoStep' && (view.step !== 4 || view.branch))))('card %s', (_name, view) => {
  it('has exactly one main action', () => {
    expect(buttonsOf(renderCard(view) as unknown as Json).filter((b) => b.style === 'positive')).toHaveLength(1);
  });
});

/** Answers and walk-through cards put today's portal first and the article beside it, and never call it just "Today". */
describe.each(cases.filter(([, view]) => view.card === 'reportAnswer' || view.card === 'adjustAnswer' || view.card === 'undoPermissions'))('card %s', (_name, view) => {
  it("shows today's path before the article's", () => {
    const text = textOf(renderCard(view) as unknown as Json);
    expect(text.indexOf("In today's portal")).toBeGreaterThan(-1);
    expect(text.indexOf("In today's portal")).toBeLessThan(text.indexOf('In the 2020 article'));
    expect(text).not.toMatch(/\bToday:/);
  });
});

it('every card view renders a heading', () => {
  for (const view of allViews()) {
    const body = (renderCard(view) as unknown as { body: Json[] }).body;
    expect(body.some((b) => b.style === 'heading' && String(b.text).length > 0)).toBe(true);
  }
});
