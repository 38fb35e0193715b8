import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStorage, type StorageHandle, type StorageSettings } from '../../src/storage/createStorage';
import { isETagConflict } from '../../src/storage/errors';
import type { StateStore } from '../../src/storage/stateStore';
import { startAzurite, type Azurite } from '../../tools/azurite';
import { createLogger } from '../../src/ops/logger';

let azurite: Azurite | undefined;
let tmpDir: string;

beforeAll(async () => {
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'storage-contract-'));
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.dispose();
  rmSync(tmpDir, { recursive: true, force: true });
});

interface StoreCase {
  name: string;
  settings: () => StorageSettings;
  /** What a write carrying an eTag does when the key does not exist yet. */
  eTagOnMissingKey: 'creates' | 'conflicts';
}

const stores: StoreCase[] = [
  { name: 'memory', settings: () => ({ kind: 'memory' }), eTagOnMissingKey: 'creates' },
  {
    name: 'sqlite',
    settings: () => ({ kind: 'sqlite', path: path.join(tmpDir, 'contract.db') }),
    eTagOnMissingKey: 'creates',
  },
  {
    name: 'blob',
    settings: () => ({
      kind: 'blob',
      connectionString: azurite!.connectionString,
      container: `contract-${randomUUID()}`,
    }),
    // BlobsStorage sends the eTag as If-Match; the service answers 412 for a blob that does not exist.
    eTagOnMissingKey: 'conflicts',
  },
];

/** Unique keys let the tests share one store without resetting it. */
const newKey = (): string => `msteams/conversations/${randomUUID()}/`;

async function expectConflict(write: Promise<unknown>): Promise<void> {
  const outcome = await write.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isETagConflict(outcome)).toBe(true);
}

describe.each(stores)('$name storage contract', ({ settings, eTagOnMissingKey }) => {
  let handle: StorageHandle;
  let storage: StateStore;

  beforeAll(() => {
    handle = createStorage(settings(), createLogger('silent'));
    storage = handle.storage;
  });

  afterAll(async () => {
    await handle?.close();
  });

  const eTagOf = async (key: string): Promise<string | undefined> => (await storage.read([key]))[key].eTag;

  it('reads nothing for keys that were never written', async () => {
    await expect(storage.read([newKey(), newKey()])).resolves.toEqual({});
  });

  it('round-trips an item and stamps it with an eTag', async () => {
    const key = newKey();
    const item = { step: 'confirm', analyst: 'Zoë Grüße 😀', alerts: [{ id: 7, fp: true }] };
    await storage.write({ [key]: item });
    await expect(storage.read([key, newKey()])).resolves.toEqual({
      [key]: { ...item, eTag: expect.any(String) },
    });
  });

  it('gives every successful write a new eTag', async () => {
    const key = newKey();
    await storage.write({ [key]: { n: 1 } });
    const first = await eTagOf(key);
    await storage.write({ [key]: { n: 2, eTag: first } });
    const second = await eTagOf(key);
    await storage.write({ [key]: { n: 3 } });
    const third = await eTagOf(key);
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('tells the eTag each written item got, the one a read then gives, so it can be written again without a read', async () => {
    const [first, second] = [newKey(), newKey()];
    const written = await storage.write({ [first]: { n: 1 }, [second]: { n: 1 } });
    expect(written).toEqual({ [first]: await eTagOf(first), [second]: await eTagOf(second) });
    await storage.write({ [first]: { n: 2, eTag: written[first] } });
    expect((await storage.read([first]))[first].n).toBe(2);
  });

  it('rejects a write whose eTag is stale and keeps the stored item', async () => {
    const key = newKey();
    await storage.write({ [key]: { n: 1 } });
    const stale = await eTagOf(key);
    await storage.write({ [key]: { n: 2, eTag: stale } });
    await expectConflict(storage.write({ [key]: { n: 3, eTag: stale } }));
    expect((await storage.read([key]))[key].n).toBe(2);
  });

  it("accepts '*' and no eTag as unconditional writes", async () => {
    const key = newKey();
    await storage.write({ [key]: { n: 1 } });
    await storage.write({ [key]: { n: 2 } });
    await storage.write({ [key]: { n: 3, eTag: '*' } });
    expect((await storage.read([key]))[key].n).toBe(3);
  });

  it(`${eTagOnMissingKey === 'creates' ? 'creates' : 'refuses'} a missing key written with an eTag`, async () => {
    const key = newKey();
    const write = storage.write({ [key]: { n: 1, eTag: '"0x8DC0FFEE"' } });
    if (eTagOnMissingKey === 'creates') {
      await write;
      expect((await storage.read([key]))[key].n).toBe(1);
    } else {
      await expectConflict(write);
      await expect(storage.read([key])).resolves.toEqual({});
    }
  });

  it('lets exactly one of several concurrent writes with the same eTag win', async () => {
    const key = newKey();
    await storage.write({ [key]: { writer: -1 } });
    const eTag = await eTagOf(key);
    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3].map((writer) => storage.write({ [key]: { writer, eTag } })),
    );
    const winners = outcomes.flatMap((o, writer) => (o.status === 'fulfilled' ? [writer] : []));
    expect(winners).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(isETagConflict(o.reason)).toBe(true);
    expect((await storage.read([key]))[key].writer).toBe(winners[0]);
  });

  it('deletes items and ignores keys that are absent', async () => {
    const [gone, kept] = [newKey(), newKey()];
    await storage.write({ [gone]: { n: 1 }, [kept]: { n: 2 } });
    await storage.delete([gone, newKey()]);
    const items = await storage.read([gone, kept]);
    expect(Object.keys(items)).toEqual([kept]);
  });

  it('answers ping while reachable', async () => {
    await expect(handle.ping()).resolves.toBeUndefined();
  });
});
