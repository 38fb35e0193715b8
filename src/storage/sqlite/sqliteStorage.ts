import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, Logger } from '../../ops/logger';
import { ETagConflictError, StorageBusyError } from '../errors';
import type { StateItem, StateItems, StateStore, WrittenETags } from '../stateStore';

export const DEFAULT_STATE_DB_PATH = './data/state.db';
export const DEFAULT_STATE_TTL_HOURS = 72;
export const DEFAULT_RECORD_TTL_DAYS = 90;
/** Keys of threads' records end with this (see src/bot/record/recordStore.ts): they are kept RECORD_TTL_DAYS. */
export const RECORD_KEY_SUFFIX = '/record';
/**
 * Keys of what intake keeps (src/intake/intakeStore.ts: the cursor, each incident's thread) start with
 * this. They are kept as long as the threads' records: an incident's thread swept after three days
 * would be posted again at its next change.
 */
export const INTAKE_KEY_PREFIX = 'intake/';
const HOUR_MS = 3_600_000;
/**
 * better-sqlite3 is synchronous: while SQLite waits for another writer's lock, the whole process waits.
 * So a statement waits only this long inside SQLite, and is then retried later, off the event loop.
 */
const BUSY_WAIT_MS = 2;
/** Opening waits longer: no request is served before the store is open. */
const OPEN_BUSY_WAIT_MS = 5_000;
/** How long a call keeps retrying a locked store before it gives up as busy: well inside a turn's deadline. */
const DEFAULT_BUSY_BUDGET_MS = 3_000;
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 200;

export interface SqliteStorageOptions {
  /** Database file; its directory is created when missing. */
  path?: string;
  /** Items not written for this long are removed by the sweep; 0 turns the sweep off. */
  ttlHours?: number;
  /** How often the sweep runs (default: hourly, or the TTL if shorter). */
  sweepIntervalMs?: number;
  /** Clock for updated_at; tests inject one to age rows. */
  now?: () => number;
  /** How long a call retries while another connection holds the write lock (default DEFAULT_BUSY_BUDGET_MS). */
  busyBudgetMs?: number;
  /**
   * Items whose key ends with `keySuffix` or starts with `keyPrefix` are swept after `ttlHours` instead
   * (threads' records and intake's, RECORD_TTL_DAYS).
   */
  keptLonger?: { keySuffix: string; keyPrefix?: string; ttlHours: number };
  /** Where unreadable rows and failed sweeps are reported (default: nowhere). */
  log?: Logger;
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
const isLocked = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown })?.code));

function parseRow(key: string, json: string, log: Logger): object {
  try {
    return JSON.parse(json);
  } catch {
    log.warn({ key }, 'SQLite state row is not JSON; read as empty');
    return {};
  }
}

/** The state store on an embedded SQLite file (eTags as stateStore.ts describes; a write of several items is one transaction). */
export class SqliteStorage implements StateStore {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly busyBudgetMs: number;
  private readonly sweepTimer?: NodeJS.Timeout;
  // Compiled once: preparing per call would dominate a turn's storage cost.
  private readonly selectStmt: Database.Statement<[string], Row>;
  private readonly upsertStmt: Database.Statement<[string, string, string, number]>;
  private readonly updateIfMatchStmt: Database.Statement<[string, string, number, string, string]>;
  private readonly insertIfAbsentStmt: Database.Statement<[string, string, string, number]>;
  private readonly deleteStmt: Database.Statement<[string]>;
  private readonly deleteOlderStmt: Database.Statement<[number, string, string]>;
  private readonly deleteOlderKeptLongerStmt: Database.Statement<[number, string, string]>;
  private readonly keptLonger?: { suffixPattern: string; prefixPattern: string; ttlMs: number };
  private readonly writeBatch: Database.Transaction<(changes: StateItems) => WrittenETags>;
  private readonly deleteBatch: Database.Transaction<(keys: readonly string[]) => void>;

  constructor(options: SqliteStorageOptions = {}) {
    const file = options.path ?? DEFAULT_STATE_DB_PATH;
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.now = options.now ?? Date.now;
    this.log = options.log ?? createLogger('silent');
    this.busyBudgetMs = options.busyBudgetMs ?? DEFAULT_BUSY_BUDGET_MS;

    this.db = new Database(file);
    this.db.pragma(`busy_timeout = ${OPEN_BUSY_WAIT_MS}`);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL stays consistent after a crash; only the last commits can be lost on power failure.
    this.db.pragma('synchronous = NORMAL');
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
    // Key patterns that match nothing ('') when no items are kept longer.
    this.deleteOlderStmt = this.db.prepare("DELETE FROM state WHERE updated_at < ? AND key NOT LIKE ? ESCAPE '\\' AND key NOT LIKE ? ESCAPE '\\'");
    this.deleteOlderKeptLongerStmt = this.db.prepare("DELETE FROM state WHERE updated_at < ? AND (key LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\')");
    if (options.keptLonger) {
      const { keySuffix, keyPrefix, ttlHours } = options.keptLonger;
      const escaped = (text: string): string => text.replace(/[\\%_]/g, '\\$&');
      this.keptLonger = { suffixPattern: `%${escaped(keySuffix)}`, prefixPattern: keyPrefix ? `${escaped(keyPrefix)}%` : '', ttlMs: ttlHours * HOUR_MS };
    }

    // One transaction per call: a conflicting key rolls back the whole batch instead of leaving it half written.
    this.writeBatch = this.db.transaction((changes: StateItems) =>
      Object.fromEntries(Object.entries(changes).map(([key, item]) => [key, this.writeOne(key, item)])),
    );
    this.deleteBatch = this.db.transaction((keys: readonly string[]) => {
      for (const key of keys) this.deleteStmt.run(key);
    });

    const ttlMs = (options.ttlHours ?? DEFAULT_STATE_TTL_HOURS) * HOUR_MS;
    if (ttlMs > 0) this.sweep(ttlMs);
    this.db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
    if (ttlMs > 0) {
      const interval = options.sweepIntervalMs ?? Math.min(ttlMs, HOUR_MS);
      this.sweepTimer = setInterval(() => this.sweep(ttlMs), interval);
      // Cleanup must never keep the process alive.
      this.sweepTimer.unref();
    }
  }

  async read(keys: readonly string[]): Promise<StateItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return this.whenUnlocked(() => {
      const items: StateItems = {};
      for (const key of keys) {
        const row = this.selectStmt.get(key);
        if (row) items[key] = { ...parseRow(key, row.json, this.log), eTag: row.etag };
      }
      return items;
    });
  }

  async write(changes: StateItems): Promise<WrittenETags> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // IMMEDIATE takes the write lock first, so a locked file fails before anything ran and the retry starts clean.
    return this.whenUnlocked(() => this.writeBatch.immediate(changes));
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    return this.whenUnlocked(() => this.deleteBatch.immediate(keys));
  }

  /** Removes items last written more than `ms` ago (those kept longer: their own TTL); returns how many were removed. */
  deleteOlderThan(ms: number): number {
    const longer = this.keptLonger;
    if (!longer) return this.deleteOlderStmt.run(this.now() - ms, '', '').changes;
    const { suffixPattern, prefixPattern, ttlMs } = longer;
    return this.deleteOlderStmt.run(this.now() - ms, suffixPattern, prefixPattern).changes + this.deleteOlderKeptLongerStmt.run(this.now() - ttlMs, suffixPattern, prefixPattern).changes;
  }

  close(): void {
    clearInterval(this.sweepTimer);
    if (this.db.open) this.db.close();
  }

  /**
   * Runs `operation` at once; while another connection holds the lock, tries again after a growing
   * pause (the event loop serves everyone else meanwhile) until the busy budget is spent.
   */
  private async whenUnlocked<T>(operation: () => T): Promise<T> {
    const started = performance.now();
    for (let pauseMs = FIRST_RETRY_MS; ; pauseMs = Math.min(2 * pauseMs, MAX_RETRY_MS)) {
      try {
        return operation();
      } catch (error) {
        if (!isLocked(error)) throw error;
        const waitedMs = performance.now() - started;
        if (waitedMs + pauseMs > this.busyBudgetMs) throw new StorageBusyError(Math.round(waitedMs), error);
        await sleep(pauseMs);
      }
    }
  }

  /** Writes one item; returns its new eTag. */
  private writeOne(key: string, item: StateItem): string {
    const { eTag, ...data } = item ?? {};
    const json = JSON.stringify(data);
    const etag = randomUUID();
    const now = this.now();
    if (eTag === undefined || eTag === null || eTag === '' || eTag === '*') {
      this.upsertStmt.run(key, json, etag, now);
      return etag;
    }
    // The compare-and-set lives in the statement itself, so no other writer can slip in between.
    if (this.updateIfMatchStmt.run(json, etag, now, key, String(eTag)).changes === 1) return etag;
    // An eTag for a key that does not exist creates it (CREATE_ONLY_ETAG relies on it); losing that race is a conflict.
    if (this.insertIfAbsentStmt.run(key, json, etag, now).changes === 1) return etag;
    throw new ETagConflictError(key);
  }

  private sweep(ttlMs: number): void {
    try {
      this.deleteOlderThan(ttlMs);
    } catch (err) {
      // A timer callback must not crash the bot; the next sweep tries again.
      this.log.warn({ err }, 'SQLite state sweep failed');
    }
  }
}
