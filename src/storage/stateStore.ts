/**
 * Where the bot keeps state: the project's own contract, so storage does not depend on the Bot
 * Framework SDK. SQLite, Azure Blob storage and memory implement it.
 *
 * A read gives each item the eTag of its stored version. A write carrying an eTag lands only while
 * the stored item still has it, and otherwise fails with ETagConflictError (see errors.ts); no eTag,
 * or '*', writes unconditionally; CREATE_ONLY_ETAG (createOnly.ts) writes only a key that is absent.
 */
export interface StateItem {
  /** On a read: the stored version's. On a write: the version the write expects to replace. */
  eTag?: string;
  [field: string]: unknown;
}

/**
 * The largest item the bot stores, as JSON: the thread's record, 500 entries (MAX_STORED_ENTRIES) of at
 * most about 4 KB each (a 60-character name, five 100-character evidence displays, three references).
 * A store that answers with more than this is not answering with the bot's state (Blob storage stops
 * reading there), and the bot writes no item larger.
 */
export const MAX_ITEM_BYTES = 2 * 1024 * 1024;

/** Items by key. */
export type StateItems = Record<string, StateItem>;

/** New eTags by key, for the items one write saved. */
export type WrittenETags = Readonly<Record<string, string>>;

export interface StateStore {
  /** The items stored under `keys`; keys with nothing stored are left out. */
  read(keys: readonly string[]): Promise<StateItems>;
  /** Saves the items, resolving with the eTag each got, so the writer can write one again without reading it first. */
  write(changes: StateItems): Promise<WrittenETags>;
  /** Removes the items; keys with nothing stored are ignored. */
  delete(keys: readonly string[]): Promise<void>;
}
