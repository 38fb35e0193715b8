import { randomUUID } from 'node:crypto';
import { ETagConflictError } from '../errors';
import type { StateItems, StateStore, WrittenETags } from '../stateStore';

/** One stored item: its data as JSON (so no caller shares an object with the store) and its eTag. */
export interface MemoryRow {
  readonly json: string;
  readonly eTag: string;
}

/**
 * State in this process's memory, lost when it exits: for tests and the warm-up walks. Its eTags
 * behave as SQLite's: a write with an eTag lands only on that version, or creates a missing key (so
 * a CREATE_ONLY_ETAG write, whose eTag is never issued, creates or conflicts); a write of several
 * items lands whole or not at all.
 */
export class MemoryStateStore implements StateStore {
  /** `rows` may be passed in so a test can see what was stored. */
  constructor(private readonly rows: Map<string, MemoryRow> = new Map()) {}

  async read(keys: readonly string[]): Promise<StateItems> {
    const items: StateItems = {};
    for (const key of keys) {
      const row = this.rows.get(key);
      if (row) items[key] = { ...JSON.parse(row.json), eTag: row.eTag };
    }
    return items;
  }

  async write(changes: StateItems): Promise<WrittenETags> {
    const staged = Object.entries(changes).map(([key, { eTag, ...data }]) => {
      const stored = this.rows.get(key);
      const unconditional = eTag === undefined || eTag === '' || eTag === '*';
      if (!unconditional && stored && stored.eTag !== eTag) throw new ETagConflictError(key);
      return [key, { json: JSON.stringify(data), eTag: randomUUID() }] as const;
    });
    for (const [key, row] of staged) this.rows.set(key, row);
    return Object.fromEntries(staged.map(([key, row]) => [key, row.eTag]));
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.rows.delete(key);
  }
}
