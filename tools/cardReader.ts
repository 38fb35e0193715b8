/**
 * Reads a rendered Adaptive Card the way a person looks at it (its words and its buttons), and the
 * way a client does to send a click (its `Action.Execute` buttons). Tests and the benchmark share it.
 */
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../src/core/wireNames';

export type Json = Record<string, unknown>;

export interface CardButton {
  readonly type: string;
  readonly title: string;
  readonly verb?: string;
  readonly data?: Json;
  readonly url?: string;
  /** `positive` marks the card's main action. */
  readonly style?: string;
}

/** What carries a card: a message activity, or a Playground message. */
export interface CardCarrier {
  readonly attachments?: readonly { readonly contentType?: string; readonly content?: unknown }[];
}

export function cardOf(activity: CardCarrier | undefined): Json {
  const attachment = activity?.attachments?.[0];
  if (!attachment || attachment.contentType !== ADAPTIVE_CARD_CONTENT_TYPE) {
    throw new Error(`expected an Adaptive Card, got ${JSON.stringify(activity).slice(0, 300)}`);
  }
  return attachment.content as Json;
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node as Json).forEach((child) => walk(child, visit));
  }
}

/** Every visible text: text blocks and fact titles/values, in document order. */
export function textOf(card: Json): string {
  const parts: string[] = [];
  walk(card.body, (n) => {
    if (n.type === 'TextBlock') parts.push(String(n.text));
    if (typeof n.title === 'string' && typeof n.value === 'string') parts.push(`${n.title}: ${n.value}`);
  });
  return parts.join('\n');
}

/** Every button the card shows (fallbacks excluded: they stand in for the button they sit on). */
export function buttonsOf(card: Json): CardButton[] {
  const buttons: CardButton[] = [];
  const collect = (actions: unknown) => {
    for (const a of (actions as Json[] | undefined) ?? []) buttons.push(a as unknown as CardButton);
  };
  collect(card.actions);
  walk(card.body, (n) => {
    if (n.type === 'ActionSet') collect(n.actions);
  });
  return buttons;
}

/** A button a client can click to send an `Action.Execute` invoke: its verb and data go on the wire. */
export interface ExecuteButton {
  readonly title: string;
  readonly verb: string;
  readonly data: Json;
}

export const executeButtonsOf = (card: Json): ExecuteButton[] =>
  buttonsOf(card)
    .filter((b) => b.type === 'Action.Execute')
    .map(({ title, verb, data }) => ({ title, verb: String(verb), data: data ?? {} }));

export function button(card: Json, title: string | RegExp): CardButton {
  const found = buttonsOf(card).find((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)));
  if (!found) throw new Error(`no button "${title}" on card; it has: ${buttonsOf(card).map((b) => b.title).join(' | ')}`);
  return found;
}

export function titleOf(card: Json): string {
  const blocks = (card.body as Json[]).filter((b) => b.type === 'TextBlock' && b.style === 'heading');
  return String(blocks[0]?.text);
}
