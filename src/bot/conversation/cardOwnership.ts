import { Activity } from 'botbuilder-core';
import { POSTED_FOR_FIELD } from '../../core/cardActions';
import { renderCard } from '../../core/cards/render';
import { AdaptiveCard } from '../../core/cards/templates';
import { View } from '../../core/views';
import { changeItem } from '../../storage/changeItem';
import { StorageUnavailableError } from '../../storage/errors';
import type { StateStore } from '../../storage/stateStore';
import { listCard, readRecord, recordKey } from './conversationRecord';

/**
 * Whose card a click is on. The analyst's own record lists the message ids of the cards posted for
 * them in this conversation (their own, and those for anyone), written by the bot once the connector
 * gave the id; the message a click came from (the channel's `replyToId`) is looked up there. A click
 * on a card their record does not list is looked up in the record of the analyst its buttons name
 * (`postedFor`): the clicker can edit that name, so it only says where to look, and only that
 * record's own list decides. A card nobody's record lists, or one whose name was edited, moves for nobody.
 */

/** Who a card belongs to, as their record proves it: the name is for telling others whose card it is. */
export interface CardOwner {
  readonly id: string;
  readonly name: string;
}

/** Whose card a click came from: `unknown` when no record proves it is anyone's, or for anyone. */
export type ClickedCard = { kind: 'owned'; owner: CardOwner } | { kind: 'shared' } | { kind: 'unknown' };

const CLICK_TYPES = new Set(['Action.Execute', 'Action.Submit']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of `node` in which every button that clicks back to the bot names the analyst the card was
 * posted for. A copy, because a card can hold objects its view data shares with other cards.
 */
function withPostedFor(node: unknown, analystId: string): unknown {
  if (Array.isArray(node)) return node.map((child) => withPostedFor(child, analystId));
  if (!isObject(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = withPostedFor(value, analystId);
  const clicksBack = typeof copy.type === 'string' && CLICK_TYPES.has(copy.type) && isObject(copy.data) && copy.data.verb !== undefined;
  if (clicksBack) copy.data = { ...(copy.data as Record<string, unknown>), [POSTED_FOR_FIELD]: analystId };
  return copy;
}

/** The card showing `view` to the analyst this turn came from. */
export function cardFor(activity: Partial<Activity>, view: View): AdaptiveCard {
  const card = renderCard(view);
  const analystId = activity.from?.id;
  return analystId ? (withPostedFor(card, analystId) as AdaptiveCard) : card;
}

/** The analyst the clicked button names as the one its card was posted for, if any. */
function postedForOf(activity: Partial<Activity>): string | undefined {
  const value = activity.value;
  const action = isObject(value) ? value.action : undefined;
  const data = isObject(action) && isObject(action.data) ? action.data : value;
  const named = isObject(data) ? data[POSTED_FOR_FIELD] : undefined;
  return typeof named === 'string' && named !== '' ? named : undefined;
}

/**
 * Whose card the click came from, for a card the clicker's own record does not list: the record of
 * the analyst its buttons name is read (one read), and believed only where it lists that message.
 */
export async function clickedCardOf(storage: StateStore, activity: Partial<Activity>): Promise<ClickedCard> {
  const messageId = activity.replyToId;
  const postedFor = postedForOf(activity);
  // The clicker's own record was read already and does not list it.
  if (!messageId || !postedFor || postedFor === activity.from?.id) return { kind: 'unknown' };
  const key = recordKey({ ...activity, from: { id: postedFor, name: '' } });
  let stored: unknown;
  try {
    stored = (await storage.read([key]))[key];
  } catch (error) {
    throw new StorageUnavailableError(error);
  }
  const { record } = readRecord(stored);
  if (record.cards?.includes(messageId)) return { kind: 'owned', owner: { id: postedFor, name: record.name ?? 'another analyst' } };
  if (record.sharedCards?.includes(messageId)) return { kind: 'shared' };
  return { kind: 'unknown' };
}

/** Listing races only this analyst's own turns in that conversation; a few attempts are plenty. */
const LIST_ATTEMPTS = 4;

/**
 * Lists a card posted outside a turn's own reply (the message action's answer, posted in a thread) in
 * the record of the analyst it was posted for there, so clicks on it are judged like any other card's.
 */
export async function listPostedCard(storage: StateStore, activity: Partial<Activity>, messageId: string, owned: boolean): Promise<void> {
  await changeItem(
    storage,
    recordKey(activity),
    (stored) => {
      const { record } = readRecord(stored);
      return { write: { ...record, ...listCard(record, messageId, owned) }, result: undefined };
    },
    LIST_ATTEMPTS,
  );
}
