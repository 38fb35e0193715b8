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
