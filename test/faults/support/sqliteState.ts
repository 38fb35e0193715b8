import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A bot's SQLite state file in a fresh temp directory, and direct access to its rows for the faults
 * no bot would write itself (records of an older version, garbage). The table is the store's own:
 * `state (key, json, etag, updated_at)`.
 */
export interface SqliteState {
  readonly dbPath: string;
  /** The bot's settings for this file. */
  readonly env: Record<string, string>;
  /** The stored JSON of one record, as the file holds it. */
  storedJson(key: string): string | undefined;
  /** Puts `json` (any text) in the record's row, as an older or broken writer might have. */
  overwrite(key: string, json: string): void;
  /**
   * Takes the file's write lock until the returned release is called: bot turns can still read (WAL),
   * but their writes wait, so turns that would be over in a millisecond overlap for as long as needed.
   */
  holdWrites(): () => void;
  /** Moves the record's last write `ms` into the past, as if nobody had touched it since. */
  age(key: string, ms: number): void;
  dispose(): void;
}

function expectOneRow(changes: number, key: string): void {
  if (changes !== 1) throw new Error(`no record ${key} in the state file`);
}

export function sqliteState(env: Record<string, string> = {}): SqliteState {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faults-sqlite-'));
  const dbPath = path.join(dir, 'state.db');
  // Short-lived connections: the bot process holds the file too, and WAL lets both in.
  const withDb = <T>(use: (db: Database.Database) => T): T => {
    const db = new Database(dbPath);
    db.pragma('busy_timeout = 5000');
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    dbPath,
    env: { STORAGE: 'sqlite', STATE_DB_PATH: dbPath, ...env },
    storedJson: (key) => withDb((db) => db.prepare<[string], { json: string }>('SELECT json FROM state WHERE key = ?').get(key)?.json),
    overwrite: (key, json) => withDb((db) => expectOneRow(db.prepare('UPDATE state SET json = ? WHERE key = ?').run(json, key).changes, key)),
    age: (key, ms) => withDb((db) => expectOneRow(db.prepare('UPDATE state SET updated_at = updated_at - ? WHERE key = ?').run(ms, key).changes, key)),
    holdWrites: () => {
      const db = new Database(dbPath);
      db.exec('BEGIN IMMEDIATE');
      return () => {
        db.exec('COMMIT');
        db.close();
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
