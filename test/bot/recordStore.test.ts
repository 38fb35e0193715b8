import { legacyThreadRecordKey, RecordStore, threadRecord, threadRecordKey } from '../../src/bot/record/recordStore';
import { createLogger } from '../../src/ops/logger';
import { MemoryStateStore } from '../../src/storage/memory/memoryStateStore';

/** A thread's record under its tenant's key, and the record an earlier version kept under the conversation alone. */

const TENANT = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
const thread = { channelId: 'msteams', conversation: { id: '19:abc@thread.tacv2;messageid=1', tenantId: TENANT, conversationType: 'channel', isGroup: true, name: '' } };
const entry = (name: string) => ({ at: 1_700_000_000_000, by: { id: `29:${name}`, name }, finished: { kind: 'adjust' as const, scenario: 'malware-on-device' as const } });

let storage: MemoryStateStore;
let store: RecordStore;
beforeEach(async () => {
  storage = new MemoryStateStore();
  store = new RecordStore(storage, createLogger('silent'));
  await storage.write({ [legacyThreadRecordKey(thread)]: { entries: [entry('Olga')], card: 'old-card' } });
});

it('names the tenant (in lower case) and the conversation', () => {
  expect(threadRecordKey(thread)).toBe(`msteams/tenants/${TENANT.toLowerCase()}/conversations/${encodeURIComponent(thread.conversation.id)}/record`);
  expect(threadRecordKey({ ...thread, conversation: { ...thread.conversation, tenantId: undefined }, channelData: { tenant: { id: TENANT } } } as never)).toBe(threadRecordKey(thread));
});

it('reads the earlier record while the tenant has none, and moves nothing on a read', async () => {
  expect(await store.read(threadRecord(thread))).toEqual({ entries: [entry('Olga')], card: 'old-card' });
  expect(Object.keys(await storage.read([legacyThreadRecordKey(thread), threadRecordKey(thread)]))).toEqual([legacyThreadRecordKey(thread)]);
});

it('moves it on the first change: concurrent changes all land on the tenant key, and the old key is gone', async () => {
  await Promise.all(['Alice', 'Bob', 'Carol'].map((name) => store.change(threadRecord(thread), (r) => ({ ...r, entries: [entry(name), ...r.entries] }))));
  const moved = await store.read(threadRecord(thread));
  expect(moved.card).toBe('old-card');
  expect(moved.entries.map((e) => e.by.name).sort()).toEqual(['Alice', 'Bob', 'Carol', 'Olga']);
  expect(await storage.read([legacyThreadRecordKey(thread)])).toEqual({});
});

it('once the tenant key exists, the old one is neither read nor touched', async () => {
  await storage.write({ [threadRecordKey(thread)]: { entries: [entry('Alice')] } });
  expect((await store.read(threadRecord(thread))).entries.map((e) => e.by.name)).toEqual(['Alice']);
  await store.change(threadRecord(thread), (r) => ({ ...r, entries: [entry('Bob'), ...r.entries] }));
  expect((await store.read(threadRecord(thread))).entries.map((e) => e.by.name)).toEqual(['Bob', 'Alice']);
  expect(Object.keys(await storage.read([legacyThreadRecordKey(thread)]))).toEqual([legacyThreadRecordKey(thread)]);
});
