import { Activity } from 'botbuilder-core';
import { Logger } from '../../ops/logger';
import { parseEntries, RecordEntry } from '../../core/recordEntry';
import { changeItem } from '../../storage/changeItem';
import { StorageUnavailableError } from '../../storage/errors';
import { RECORD_KEY_SUFFIX } from '../../storage/sqlite/sqliteStorage';
import type { StateItem, StateStore } from '../../storage/stateStore';
import { tenantOf } from '../conversation';

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

/** The record of the activity's tenant (as the tenant gate let it through) and thread (a channel thread's conversation id carries its `;messageid=`) or group chat. */
export const threadRecordKey = (activity: Partial<Activity>): string =>
  `${encodeURIComponent(activity.channelId ?? 'unknown')}/tenants/${encodeURIComponent((tenantOf(activity) ?? 'unknown').toLowerCase())}/conversations/${encodeURIComponent(activity.conversation?.id ?? 'unknown')}${RECORD_KEY_SUFFIX}`;

/** Where versions before the tenant was in the key kept a thread's record: read until adopted, then deleted. */
export const legacyThreadRecordKey = (activity: Partial<Activity>): string => `${conversationPart(activity)}${RECORD_KEY_SUFFIX}`;

/** The analyst's own entries, from every chat and thread, for `record` in a 1:1 chat. */
export const ownRecordKey = (activity: Partial<Activity>): string =>
  `${encodeURIComponent(activity.channelId ?? 'unknown')}/users/${encodeURIComponent(activity.from?.id ?? 'unknown')}${RECORD_KEY_SUFFIX}`;

/** Where a record is kept, and where an older version may have kept it (`legacyKey`). */
export interface RecordAddress {
  readonly key: string;
  readonly legacyKey?: string;
}

export const threadRecord = (activity: Partial<Activity>): RecordAddress => ({ key: threadRecordKey(activity), legacyKey: legacyThreadRecordKey(activity) });
export const ownRecord = (activity: Partial<Activity>): RecordAddress => ({ key: ownRecordKey(activity) });

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

/**
 * Records in the bot's storage, read and changed under eTags: concurrent changes all land. A record
 * with a `legacyKey` that does not exist yet under its key is the one kept under the legacy key (records
 * are kept RECORD_TTL_DAYS, so a thread's audit trail outlives an upgrade): read from there, and moved
 * by the first change, which creates the new key only if nobody did meanwhile, then deletes the old one.
 */
export class RecordStore {
  constructor(
    private readonly storage: StateStore,
    private readonly log: Logger,
  ) {}

  async read({ key, legacyKey }: RecordAddress): Promise<StoredRecord> {
    const stored = await this.readStored(key);
    return readItem(stored === undefined && legacyKey ? await this.readStored(legacyKey) : stored);
  }

  /**
   * Applies `change` to the stored record and writes the result if nothing else wrote in between;
   * otherwise applies it again to the newer record. `change` returns undefined to write nothing.
   * Returns the record as it now stands.
   */
  async change(address: RecordAddress, change: (record: StoredRecord) => StoredRecord | undefined): Promise<StoredRecord> {
    const { key, legacyKey } = address;
    let adopted = false;
    const result = await changeItem(
      this.storage,
      key,
      async (stored) => {
        const legacy = stored === undefined && legacyKey ? await this.readStored(legacyKey) : undefined;
        const current = readItem(legacy ?? stored);
        const next = change(current);
        adopted = next !== undefined && legacy !== undefined;
        return next ? { write: { ...next, entries: [...next.entries] }, result: next } : { result: current };
      },
      MAX_ATTEMPTS,
    );
    // The old key is left to expire if it cannot be deleted now: the new one is read first from here on.
    if (adopted && legacyKey) await this.storage.delete([legacyKey]).catch((error: unknown) => this.log.warn({ err: error }, 'record moved to its tenant key; the old key is left to expire'));
    return result;
  }

  private async readStored(key: string): Promise<unknown> {
    try {
      return (await this.storage.read([key]))[key];
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }
}
