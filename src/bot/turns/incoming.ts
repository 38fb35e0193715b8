import { Activity } from 'botbuilder-core';
import { parseCardAction } from '../../core/cardActions';
import { AnalystInput } from '../../core/flow/conversation';

/** How a turn reached the bot; it decides how the answer is delivered. */
export type Origin = 'text' | 'submit' | 'execute';

export type IncomingTurn =
  /** Whose card was clicked is not read from the click's data, which the clicker can edit: the records of the cards posted decide. */
  | { readonly kind: 'input'; readonly input: AnalystInput; readonly origin: Origin }
  /** A click whose data failed validation: answered, never acted on. */
  | { readonly kind: 'refused'; readonly problem: string };

/** Longest text the bot reads; longer messages are cut, never scanned in full. */
export const MAX_TEXT_LENGTH = 100_000;

const isGroupScope = (activity: Partial<Activity>): boolean => {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat';
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The wire is plain JSON: fields are read by type, and one of the wrong type counts as absent. */
function mentionsOf(activity: Partial<Activity>): { id?: unknown; text?: string }[] {
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  return entities
    .filter(isRecord)
    .filter((e) => e.type === 'mention')
    .map((e) => ({ id: isRecord(e.mentioned) ? e.mentioned.id : undefined, text: typeof e.text === 'string' ? e.text : undefined }));
}

/** Teams writes every mention into the text as `<at>name</at>`; longer names than this are not mention markup. */
const MENTION_MARKUP = /<at>[^<]{0,256}<\/at>/g;
/** Clients other than Teams may write mentions another way; only this many of those are looked for. */
const MAX_OTHER_MENTIONS = 20;

/**
 * Removes the bot's own mention, and the markup of anyone else's, so commands read the same with
 * or without them. Done once, at the door, so nothing downstream sees Teams markup. One pass over the
 * text for Teams markup, and a few for other forms, however many mention entities a request carries.
 */
export function cleanText(activity: Partial<Activity>): string {
  let text = (typeof activity.text === 'string' ? activity.text : '').slice(0, MAX_TEXT_LENGTH);
  const mentioned = new Set(mentionsOf(activity).flatMap((m) => (m.text ? [m.text] : [])));
  text = text.replace(MENTION_MARKUP, (markup) => (mentioned.has(markup) ? ' ' : markup));
  const otherForms = [...mentioned].filter((m) => !m.startsWith('<at>')).slice(0, MAX_OTHER_MENTIONS);
  for (const other of otherForms) text = text.replaceAll(other, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return mentionsOf(activity).some((m) => m.id !== undefined && m.id === botId);
}

function fromCardData(data: unknown, origin: Origin): IncomingTurn {
  const parsed = parseCardAction(data);
  if (!parsed.ok) return { kind: 'refused', problem: parsed.problem };
  return { kind: 'input', input: { kind: 'action', action: parsed.action }, origin };
}

/**
 * Reads a message activity: a card submit (it carries `value`, often no text) or typed text. In a
 * channel or group chat typed text counts only when the bot is mentioned; undefined means "not for me".
 */
export function readMessage(activity: Partial<Activity>): IncomingTurn | undefined {
  if (activity.value !== undefined && activity.value !== null) return fromCardData(activity.value, 'submit');
  if (isGroupScope(activity) && !mentionsBot(activity)) return undefined;
  return { kind: 'input', input: { kind: 'text', text: cleanText(activity) }, origin: 'text' };
}

/**
 * Reads the value of an `Action.Execute` click (the `adaptiveCard/action` invoke) as the client sent
 * it: anything but an `Action.Execute` whose data names the same verb is a click that sent no data.
 */
export function readExecute(value: unknown): IncomingTurn {
  const action = isRecord(value) ? value.action : undefined;
  const isExecute = isRecord(action) && action.type === 'Action.Execute' && isRecord(action.data) && action.data.verb === action.verb;
  return fromCardData(isExecute ? action.data : undefined, 'execute');
}
