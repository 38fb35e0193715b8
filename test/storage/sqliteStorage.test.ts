import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ETagConflictError } from '../../src/storage/errors';
import { SqliteStorage, type SqliteStorageOptions } from '../../src/storage/sqliteStorage';

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

function open(name: string, options: Omit<SqliteStorageOptions, 'path'> = {}): SqliteStorage {
  const storage = new SqliteStorage({ path: path.join(tmpDir, name, 'nested', 'state.db'), ...options });
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

  it('fails ping and calls after close', async () => {
    const storage = open('closed');
    storage.ping();
    storage.close();
    expect(() => storage.ping()).toThrow();
    await expect(storage.read(['a'])).rejects.toThrow();
  });
});
