import { describe, expect, it } from '@jest/globals';
import { ETagConflictError } from '../../src/storage/errors';
import { MemoryStateStore } from '../../src/storage/memory/memoryStateStore';

/** What the memory store adds to the contract every store keeps (storageContract.test.ts). */
describe('the memory state store', () => {
  it('writes a batch whole or not at all: one stale eTag leaves every item as it was', async () => {
    const store = new MemoryStateStore();
    await store.write({ a: { n: 1 }, b: { n: 1 } });
    await expect(store.write({ a: { n: 2 }, b: { n: 2, eTag: 'stale' } })).rejects.toBeInstanceOf(ETagConflictError);
    const items = await store.read(['a', 'b']);
    expect([items.a.n, items.b.n]).toEqual([1, 1]);
  });

  it('never shares an object with its caller: changing what was written or read changes nothing stored', async () => {
    const store = new MemoryStateStore();
    const written = { alerts: [{ id: 7 }] };
    await store.write({ a: written });
    written.alerts[0].id = 8;
    const read = await store.read(['a']);
    (read.a.alerts as { id: number }[])[0].id = 9;
    expect((await store.read(['a'])).a.alerts).toEqual([{ id: 7 }]);
  });
});
