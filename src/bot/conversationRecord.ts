import { Activity } from 'botbuilder-core';
import { DialogState } from 'botbuilder-dialogs';
import { View } from '../core/views';
import type { StateItem } from '../storage/stateStore';
import { FLOW_DIALOG_ID } from './flowDialog';

/** Bump when the stored shape changes: records of another version are reset with a message. */
export const RECORD_VERSION = 1;

/** How many recent activity ids are remembered to drop Teams' re-deliveries. */
const REMEMBERED_ACTIVITIES = 8;
/** How many of the analyst's latest cards the record lists: older ones are judged by the ledger. */
const REMEMBERED_CARDS = 16;

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
   * Message ids of this analyst's own cards in this conversation, latest last, as the ownership ledger
   * vouched for them: a click on one of them needs no ledger read. A card that becomes one for anyone leaves it.
   */
  cards?: string[];
}

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
  if (!fits) return { record: { ...fresh, eTag: candidate.eTag }, reset: true };
  // A reply in a shape this version cannot send, or a card list of another shape, is dropped; the state is still good.
  const { pending, cards, ...record } = candidate as ConversationRecord;
  const listed = Array.isArray(cards) && cards.every((id) => typeof id === 'string') ? { cards } : {};
  return { record: { ...record, ...(isPendingReply(pending) ? { pending } : {}), ...listed }, reset: false };
}

/** The card list after a turn on card `messageId`: listed, latest last, while it is still the analyst's own; dropped otherwise. */
export function listCard(cards: readonly string[] | undefined, messageId: string, stillOwned: boolean): string[] {
  const others = (cards ?? []).filter((id) => id !== messageId);
  return stillOwned ? [...others, messageId].slice(-REMEMBERED_CARDS) : others;
}

export function remember(seen: readonly string[], activityId: string | undefined): string[] {
  return activityId ? [...seen, activityId].slice(-REMEMBERED_ACTIVITIES) : [...seen];
}
