import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ETagConflictError } from './errors';

export const DEFAULT_STATE_DB_PATH = './data/state.db';
export const DEFAULT_STATE_TTL_HOURS = 72;
const HOUR_MS = 3_600_000;

export interface SqliteStorageOptions {
  /** Database file; its directory is created when missing. */
  path?: string;
  /** Items not written for this long are removed by the sweep; 0 turns the sweep off. */
  ttlHours?: number;
  /** How often the sweep runs (default: hourly, or the TTL if shorter). */
  sweepIntervalMs?: number;
  /** Clock for updated_at; tests inject one to age rows. */
  now?: () => number;
}

interface Row {
  json: string;
  etag: string;
}

/**
 * A row that is not JSON (a broken or foreign writer) reads as an item with no data but its eTag: the
 * caller treats it as unreadable state and overwrites it under concurrency control, instead of failing
 * on every read of that key for as long as the row lives.
 */
function parseRow(key: string, json: string): object {
  try {
    return JSON.parse(json);
  } catch {
    process.emitWarning(`SQLite state row "${key}" is not JSON; read as empty`);
    return {};
  }
}

/** Bot Framework Storage on an embedded SQLite file, with the eTag semantics of the SDK's MemoryStorage. */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly sweepTimer?: NodeJS.Timeout;
  // Compiled once: preparing per call would dominate a turn's storage cost.
  private readonly selectStmt: Database.Statement<[string], Row>;
  private readonly upsertStmt: Database.Statement<[string, string, string, number]>;
  private readonly updateIfMatchStmt: Database.Statement<[string, string, number, string, string]>;
  private readonly insertIfAbsentStmt: Database.Statement<[string, string, string, number]>;
  private readonly deleteStmt: Database.Statement<[string]>;
  private readonly deleteOlderStmt: Database.Statement<[number]>;
  private readonly pingStmt: Database.Statement<[]>;
  private readonly writeBatch: (changes: StoreItems) => void;
  private readonly deleteBatch: (keys: string[]) => void;

  constructor(options: SqliteStorageOptions = {}) {
    const file = options.path ?? DEFAULT_STATE_DB_PATH;
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.now = options.now ?? Date.now;

    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL stays consistent after a crash; only the last commits can be lost on power failure.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS state (
        key TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        etag TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS state_updated_at ON state (updated_at);
    `);

    this.selectStmt = this.db.prepare('SELECT json, etag FROM state WHERE key = ?');
    this.upsertStmt = this.db.prepare(
      `INSERT INTO state (key, json, etag, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = excluded.updated_at`,
    );
    this.updateIfMatchStmt = this.db.prepare(
      'UPDATE state SET json = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?',
    );
    this.insertIfAbsentStmt = this.db.prepare(
      'INSERT INTO state (key, json, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
    this.deleteStmt = this.db.prepare('DELETE FROM state WHERE key = ?');
    this.deleteOlderStmt = this.db.prepare('DELETE FROM state WHERE updated_at < ?');
    this.pingStmt = this.db.prepare('SELECT 1 FROM state LIMIT 1');

    // One transaction per call: a conflicting key rolls back the whole batch instead of leaving it half written.
    this.writeBatch = this.db.transaction((changes: StoreItems) => {
      for (const [key, item] of Object.entries(changes)) this.writeOne(key, item);
    });
    this.deleteBatch = this.db.transaction((keys: string[]) => {
      for (const key of keys) this.deleteStmt.run(key);
    });

    const ttlMs = (options.ttlHours ?? DEFAULT_STATE_TTL_HOURS) * HOUR_MS;
    if (ttlMs > 0) {
      this.sweep(ttlMs);
      const interval = options.sweepIntervalMs ?? Math.min(ttlMs, HOUR_MS);
      this.sweepTimer = setInterval(() => this.sweep(ttlMs), interval);
      // Cleanup must never keep the process alive.
      this.sweepTimer.unref();
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectStmt.get(key);
      if (row) items[key] = { ...parseRow(key, row.json), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.writeBatch(changes);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.deleteBatch(keys);
  }

  /** Removes items last written more than `ms` ago; returns how many were removed. */
  deleteOlderThan(ms: number): number {
    return this.deleteOlderStmt.run(this.now() - ms).changes;
  }

  /** Throws when the database is closed or unreadable. */
  ping(): void {
    this.pingStmt.get();
  }

  close(): void {
    clearInterval(this.sweepTimer);
    if (this.db.open) this.db.close();
  }

  private writeOne(key: string, item: StoreItems[string]): void {
    const { eTag, ...data } = item ?? {};
    const json = JSON.stringify(data);
    const etag = randomUUID();
    const now = this.now();
    if (eTag === undefined || eTag === null || eTag === '' || eTag === '*') {
      this.upsertStmt.run(key, json, etag, now);
      return;
    }
    // The compare-and-set lives in the statement itself, so no other writer can slip in between.
    if (this.updateIfMatchStmt.run(json, etag, now, key, String(eTag)).changes === 1) return;
    // Like MemoryStorage, an eTag for a key that does not exist creates it; losing that race is a conflict.
    if (this.insertIfAbsentStmt.run(key, json, etag, now).changes === 1) return;
    throw new ETagConflictError(key);
  }

  private sweep(ttlMs: number): void {
    try {
      this.deleteOlderThan(ttlMs);
    } catch (err) {
      // A timer callback must not crash the bot; the next sweep tries again.
      process.emitWarning(`SQLite state sweep failed: ${(err as Error).message}`);
    }
  }
}
