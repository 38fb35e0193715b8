import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { CREATE_ONLY_ETAG } from '../../src/storage/createOnly';
import { createStorage, StorageHandle, StorageSettings } from '../../src/storage/createStorage';
import { isETagConflict } from '../../src/storage/errors';
import { Azurite, startAzurite } from '../../tools/azurite';
import { SqliteState, sqliteState } from './support/sqliteState';
import { createLogger } from '../../src/ops/logger';

/** The first record of a conversation is written create-only, so two first turns cannot both win. */

let azurite: Azurite;
let sqlite: SqliteState;
const handles: StorageHandle[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
  sqlite = sqliteState();
});

afterAll(async () => {
  await Promise.all(handles.map((handle) => handle.close()));
  await azurite?.dispose();
  sqlite?.dispose();
});

const STORES: [string, () => StorageSettings][] = [
  ['memory', () => ({ kind: 'memory' })],
  ['sqlite', () => ({ kind: 'sqlite', path: sqlite.dbPath })],
  ['blob', () => ({ kind: 'blob', connectionString: azurite.connectionString, container: `create-only-${randomUUID()}` })],
];

describe.each(STORES)('a create-only write to %s', (_name, settings) => {
  let store: StorageHandle['storage'];
  beforeAll(() => {
    const handle = createStorage(settings(), createLogger('silent'));
    handles.push(handle);
    store = handle.storage;
  });

  const failureOf = (write: Promise<unknown>): Promise<unknown> => write.then(() => undefined, (error: unknown) => error);

  it('creates a missing item, refuses an existing one, and the item then updates as usual', async () => {
    const key = `msteams/conversations/${randomUUID()}/users/29%3Aa`;
    await store.write({ [key]: { n: 1, eTag: CREATE_ONLY_ETAG } });
    const created = (await store.read([key]))[key];
    expect(created.n).toBe(1);

    expect(isETagConflict(await failureOf(store.write({ [key]: { n: 2, eTag: CREATE_ONLY_ETAG } })))).toBe(true);
    await store.write({ [key]: { n: 3, eTag: created.eTag } });
    expect((await store.read([key]))[key].n).toBe(3);
  });

  it('lets exactly one of two simultaneous creates win', async () => {
    const key = `msteams/conversations/${randomUUID()}/users/29%3Ab`;
    const failures = await Promise.all([1, 2].map((n) => failureOf(store.write({ [key]: { n, eTag: CREATE_ONLY_ETAG } }))));
    expect(failures.filter((failure) => failure === undefined)).toHaveLength(1);
    expect(failures.filter(isETagConflict)).toHaveLength(1);
  });
});
