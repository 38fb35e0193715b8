import { Activity } from 'botbuilder-core';
import { parseEntries, RecordEntry } from '../core/recordEntry';
import { changeItem } from '../storage/changeItem';
import { StorageUnavailableError } from '../storage/errors';
import { RECORD_KEY_SUFFIX } from '../storage/sqliteStorage';
import type { StateItem, StateStore } from '../storage/stateStore';

/**
 * A record as stored: its entries, newest first; the message holding its card, once posted; and who
 * is posting that card now (`posting`, a claim taken under the eTag, so one thread never gets two).
 */
export interface StoredRecord {
  readonly entries: readonly RecordEntry[];
  readonly card?: string;
  readonly posting?: { readonly claim: string; readonly at: number };
}

interface RecordItem extends StateItem {
  entries: RecordEntry[];
  card?: string;
  posting?: { claim: string; at: number };
}

/** Every lost write means another finish landed meanwhile; this many analysts finishing at once all land. */
const MAX_ATTEMPTS = 12;
const EMPTY: StoredRecord = { entries: [] };

const conversationPart = (activity: Partial<Activity>): string =>
  `${encodeURIComponent(activity.channelId ?? 'unknown')}/conversations/${encodeURIComponent(activity.conversation?.id ?? 'unknown')}`;

/** The record of the activity's thread (a channel thread's conversation id carries its `;messageid=`) or group chat. */
export const threadRecordKey = (activity: Partial<Activity>): string => `${conversationPart(activity)}${RECORD_KEY_SUFFIX}`;

/** The analyst's own entries, from every chat and thread, for `record` in a 1:1 chat. */
export const ownRecordKey = (activity: Partial<Activity>): string =>
  `${encodeURIComponent(activity.channelId ?? 'unknown')}/users/${encodeURIComponent(activity.from?.id ?? 'unknown')}${RECORD_KEY_SUFFIX}`;

function readItem(stored: unknown): StoredRecord {
  if (typeof stored !== 'object' || stored === null) return EMPTY;
  const item = stored as Partial<RecordItem>;
  const posting = item.posting;
  const postingFits = typeof posting?.claim === 'string' && typeof posting.at === 'number';
  return {
    entries: parseEntries(item.entries),
    ...(typeof item.card === 'string' ? { card: item.card } : {}),
    ...(postingFits ? { posting: { claim: posting.claim, at: posting.at } } : {}),
  };
}

/** Records in the bot's storage, read and changed under eTags: concurrent changes all land. */
export class RecordStore {
  constructor(private readonly storage: StateStore) {}

  async read(key: string): Promise<StoredRecord> {
    try {
      return readItem((await this.storage.read([key]))[key]);
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }

  /**
   * Applies `change` to the stored record and writes the result if nothing else wrote in between;
   * otherwise applies it again to the newer record. `change` returns undefined to write nothing.
   * Returns the record as it now stands.
   */
  change(key: string, change: (record: StoredRecord) => StoredRecord | undefined): Promise<StoredRecord> {
    return changeItem(
      this.storage,
      key,
      (stored) => {
        const current = readItem(stored);
        const next = change(current);
        return next ? { write: { ...next, entries: [...next.entries] }, result: next } : { result: current };
      },
      MAX_ATTEMPTS,
    );
  }
}
