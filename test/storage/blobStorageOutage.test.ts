import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createStorage, type StorageHandle } from '../../src/storage/createStorage';
import { startAzurite, type Azurite } from '../../tools/azurite';
import { createLogger } from '../../src/ops/logger';

/** Upper bound for a request against a dead endpoint, given the factory's retry settings. */
const FAIL_FAST_MS = 5_000;

let azurite: Azurite;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.dispose();
});

function blobStore(): StorageHandle {
  return createStorage({
    kind: 'blob',
    connectionString: azurite.connectionString,
    container: `outage-${randomUUID()}`,
  }, createLogger('silent'));
}

async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const start = Date.now();
  await work();
  return Date.now() - start;
}

describe('blob storage outage', () => {
  it('rejects quickly while storage is down and works again once it is back', async () => {
    const { storage, ping } = blobStore();
    await storage.write({ a: { n: 1 } });

    await azurite.stop();
    const failing = elapsedMs(() => expect(storage.write({ a: { n: 2 } })).rejects.toThrow());
    await expect(failing).resolves.toBeLessThan(FAIL_FAST_MS);
    await expect(ping()).rejects.toThrow();

    await azurite.restart();
    await storage.write({ a: { n: 3 } });
    expect((await storage.read(['a'])).a.n).toBe(3);
    await expect(ping()).resolves.toBeUndefined();
  });

  it('recovers when its very first call happened during the outage', async () => {
    const { storage } = blobStore();

    await azurite.stop();
    await expect(storage.read(['a'])).rejects.toThrow();

    await azurite.restart();
    await storage.write({ a: { n: 1 } });
    expect((await storage.read(['a'])).a.n).toBe(1);
  });
});
