import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ETagConflictError, StorageBusyError } from '../../src/storage/errors';
import { SqliteStorage, type SqliteStorageOptions } from '../../src/storage/sqlite/sqliteStorage';

const HOUR_MS = 3_600_000;

let tmpDir: string;
const opened: SqliteStorage[] = [];

beforeAll(() => {
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-storage-'));
});

afterEach(() => {
  for (const storage of opened.splice(0)) storage.close();
});

afterAll(() => {
  rmSync(tmpDir, { recursive: true, force: true });
});

const fileOf = (name: string): string => path.join(tmpDir, name, 'nested', 'state.db');

function open(name: string, options: Omit<SqliteStorageOptions, 'path'> = {}): SqliteStorage {
  const storage = new SqliteStorage({ path: fileOf(name), ...options });
  opened.push(storage);
  return storage;
}

/** A clock the test moves by hand, so ageing rows needs no sleeping. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.UTC(2025, 0, 1);
  return { now: () => t, advance: (ms) => (t += ms) };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SqliteStorage', () => {
  it('keeps items and eTags across close and reopen of the file', async () => {
    const before = open('restart');
    await before.write({ a: { step: 2 } });
    const { a } = await before.read(['a']);
    before.close();

    const after = open('restart');
    await expect(after.read(['a'])).resolves.toEqual({ a });
    await after.write({ a: { step: 3, eTag: a.eTag } });
    await expect(after.write({ a: { step: 4, eTag: a.eTag } })).rejects.toBeInstanceOf(ETagConflictError);
  });

  it('rolls back the whole batch when one key conflicts', async () => {
    const storage = open('batch');
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    const rejection = storage.write({ a: { n: 2 }, b: { n: 2, eTag: 'stale' } });
    await expect(rejection).rejects.toThrow(new ETagConflictError('b').message);
    const items = await storage.read(['a', 'b']);
    expect([items.a.n, items.b.n]).toEqual([1, 1]);
  });

  it('deleteOlderThan removes only items last written before the cutoff', async () => {
    const clock = manualClock();
    const storage = open('expiry', { ttlHours: 0, now: clock.now });
    await storage.write({ old: { n: 1 }, touched: { n: 1 } });
    clock.advance(10 * HOUR_MS);
    await storage.write({ fresh: { n: 1 }, touched: { n: 2 } });

    expect(storage.deleteOlderThan(5 * HOUR_MS)).toBe(1);
    expect(Object.keys(await storage.read(['old', 'touched', 'fresh'])).sort()).toEqual(['fresh', 'touched']);
  });

  it('sweeps expired items on a timer', async () => {
    const clock = manualClock();
    const storage = open('sweep', { ttlHours: 1, sweepIntervalMs: 10, now: clock.now });
    await storage.write({ abandoned: { n: 1 } });
    clock.advance(2 * HOUR_MS);
    await storage.write({ active: { n: 1 } });

    await waitFor(async () => !('abandoned' in (await storage.read(['abandoned']))));
    expect(Object.keys(await storage.read(['active']))).toEqual(['active']);
  });

  it('sweeps items that expired while the bot was stopped when reopening', async () => {
    const clock = manualClock();
    const before = open('downtime', { ttlHours: 72, now: clock.now });
    await before.write({ a: { n: 1 } });
    before.close();

    clock.advance(73 * HOUR_MS);
    const after = open('downtime', { ttlHours: 72, now: clock.now });
    await expect(after.read(['a'])).resolves.toEqual({});
  });

  it('fails calls after close', async () => {
    const storage = open('closed');
    await storage.read(['a']);
    storage.close();
    await expect(storage.read(['a'])).rejects.toThrow();
  });
});

describe('while another connection holds the write lock', () => {
  /** Takes the file's write lock as another process would, until the returned release is called. */
  function holdWriteLock(name: string): () => void {
    const other = new Database(fileOf(name));
    other.exec('BEGIN IMMEDIATE');
    return () => {
      other.exec('COMMIT');
      other.close();
    };
  }

  /** The longest the event loop went without running a 5 ms timer while `work` ran. */
  async function longestStall(work: Promise<unknown>): Promise<number> {
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    try {
      await work;
    } finally {
      clearInterval(ticker);
    }
    return longest;
  }

  it('waits off the event loop and writes once the lock is released', async () => {
    const storage = open('held-then-released');
    await storage.write({ a: { n: 1 } });
    const release = holdWriteLock('held-then-released');
    setTimeout(release, 300);
    const stall = await longestStall(storage.write({ a: { n: 2 } }));
    expect((await storage.read(['a'])).a.n).toBe(2);
    // Generous: a busy two-core machine delays timers too; a blocking wait would be the whole 300 ms.
    expect(stall).toBeLessThan(150);
  });

  it('gives up as busy after its budget, having changed nothing, and reads still answer meanwhile', async () => {
    const storage = open('held', { busyBudgetMs: 200 });
    await storage.write({ a: { n: 1 } });
    const release = holdWriteLock('held');
    try {
      const failure = storage.write({ a: { n: 2 } }).then(() => undefined, (error: unknown) => error);
      expect((await storage.read(['a'])).a.n).toBe(1);
      const error = await failure;
      expect(error).toBeInstanceOf(StorageBusyError);
      expect(((error as StorageBusyError).cause as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    } finally {
      release();
    }
    expect((await storage.read(['a'])).a.n).toBe(1);
  });
});
