import { Activity } from 'botbuilder-core';
import { DialogState } from 'botbuilder-dialogs';
import { View } from '../../core/views';
import type { StateItem } from '../../storage/stateStore';

/** Bump when the stored shape changes: records of another version are reset with a message. */
export const RECORD_VERSION = 1;

/** The id of the one dialog a stored record's dialog stack may hold (turns/flowDialog.ts runs it). */
export const FLOW_DIALOG_ID = 'airGuidance';

/** How many recent activity ids are remembered to drop Teams' re-deliveries. */
const REMEMBERED_ACTIVITIES = 8;
/**
 * How many of the analyst's latest cards of each kind the record lists: a click on an older one is
 * refused politely (the analyst asks again for a fresh card). A Teams message id is 13 to 60 characters.
 */
const REMEMBERED_OWN_CARDS = 32;
const REMEMBERED_SHARED_CARDS = 16;

/**
 * The answer to an activity, saved with the state it leads to and kept until the connector has taken
 * it: a crash in between leaves it here for Teams' re-delivery of that activity to send.
 */
export interface PendingReply {
  /** The activity it answers. */
  activity: string;
  view: View;
  /** Who is sending it now: whoever changes this (under the record's eTag) sends it, nobody else. */
  claim: string;
  /** When that claim was made (epoch ms): a claim stands for a while, so a live sender is not overtaken. */
  claimedAt: number;
}

/** One analyst's stored state in one conversation (or channel thread). Kept small: well under 2 KB once replied. */
export interface ConversationRecord extends StateItem {
  v: number;
  dialog: DialogState;
  /** Ids of the latest activities handled, oldest first. */
  seen: string[];
  updatedAt: number;
  /** The latest answer, while its delivery is not confirmed. */
  pending?: PendingReply;
  /**
   * Message ids of this analyst's own cards in this conversation, latest last: the proof that a click
   * on one is theirs (see cardOwnership.ts). A card that comes to show something for anyone moves to `sharedCards`.
   */
  cards?: string[];
  /** Message ids of the cards for anyone (menus, answers) posted for this analyst here, latest last. */
  sharedCards?: string[];
  /** The analyst's display name as plain words, for telling others whose card they clicked. */
  name?: string;
}

/** The two card lists of a record. */
export type CardLists = Pick<ConversationRecord, 'cards' | 'sharedCards'>;

/**
 * Per analyst, per conversation: in a channel thread every analyst walks on their own. The thread's
 * conversation id already carries `;messageid=`, so each thread is separate too.
 */
export function recordKey(activity: Partial<Activity>): string {
  const channel = encodeURIComponent(activity.channelId ?? 'unknown');
  const conversation = encodeURIComponent(activity.conversation?.id ?? 'unknown');
  const user = encodeURIComponent(activity.from?.id ?? 'unknown');
  return `${channel}/conversations/${conversation}/users/${user}`;
}

/**
 * The dialog stack this version can continue: empty, or its one dialog with a state object. Anything
 * else (a dialog an older version had) would make the SDK throw on every turn instead of resetting.
 */
function isContinuable(dialog: DialogState | undefined): boolean {
  const stack: unknown = dialog?.dialogStack;
  if (!Array.isArray(stack) || stack.length > 1) return false;
  return stack.every((entry) => entry?.id === FLOW_DIALOG_ID && typeof entry.state === 'object' && entry.state !== null);
}

function isPendingReply(value: unknown): value is PendingReply {
  const pending = value as Partial<PendingReply> | undefined;
  const view = pending?.view as { card?: unknown } | undefined;
  return typeof pending?.activity === 'string' && typeof pending.claim === 'string' && typeof pending.claimedAt === 'number' && typeof view?.card === 'string';
}

export type LoadedRecord = { record: ConversationRecord; reset: boolean };

/** Reads what storage returned; anything of another version or shape starts fresh, flagged as a reset. */
export function readRecord(stored: unknown): LoadedRecord {
  const fresh: ConversationRecord = { v: RECORD_VERSION, dialog: { dialogStack: [] }, seen: [], updatedAt: 0 };
  if (stored === undefined || stored === null) return { record: fresh, reset: false };
  const candidate = stored as Partial<ConversationRecord>;
  const fits =
    candidate.v === RECORD_VERSION &&
    isContinuable(candidate.dialog) &&
    Array.isArray(candidate.seen) &&
    candidate.seen.every((id) => typeof id === 'string');
  // The cards posted for the analyst stay theirs whatever became of the walk: a reset keeps the lists.
  if (!fits) return { record: { ...fresh, eTag: candidate.eTag, ...listsIn(candidate) }, reset: true };
  // A reply in a shape this version cannot send, or a card list or name of another shape, is dropped; the state is still good.
  const { pending, cards: _cards, sharedCards: _shared, name: _name, ...record } = candidate as ConversationRecord;
  return { record: { ...record, ...(isPendingReply(pending) ? { pending } : {}), ...listsIn(candidate) }, reset: false };
}

const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

/** The card lists and name of a stored record, each kept only in the shape this version writes. */
function listsIn({ cards, sharedCards, name }: Partial<ConversationRecord>): Pick<ConversationRecord, 'cards' | 'sharedCards' | 'name'> {
  return { ...(isIdList(cards) ? { cards } : {}), ...(isIdList(sharedCards) ? { sharedCards } : {}), ...(typeof name === 'string' ? { name } : {}) };
}

function listed(ids: readonly string[] | undefined, messageId: string, listIt: boolean, limit: number): string[] {
  const others = (ids ?? []).filter((id) => id !== messageId);
  return listIt ? [...others, messageId].slice(-limit) : others;
}

/** The card lists once card `messageId` shows a view that is the analyst's own (`owned`) or for anyone; empty lists are left out. */
export function listCard(lists: CardLists, messageId: string, owned: boolean): CardLists {
  const cards = listed(lists.cards, messageId, owned, REMEMBERED_OWN_CARDS);
  const sharedCards = listed(lists.sharedCards, messageId, !owned, REMEMBERED_SHARED_CARDS);
  return { ...(cards.length > 0 ? { cards } : {}), ...(sharedCards.length > 0 ? { sharedCards } : {}) };
}

/** The card lists of `record` as they stand. */
export const cardListsOf = ({ cards, sharedCards }: CardLists): CardLists => ({ ...(cards ? { cards } : {}), ...(sharedCards ? { sharedCards } : {}) });

export function remember(seen: readonly string[], activityId: string | undefined): string[] {
  return activityId ? [...seen, activityId].slice(-REMEMBERED_ACTIVITIES) : [...seen];
}
