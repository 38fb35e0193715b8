import { azureCredential } from '../ops/azureCredential';
import type { Logger } from '../ops/logger';
import { RenewedToken } from '../ops/renewedToken';
import { accountOfConnectionString, accountOfUrl, type BlobAccount } from './blob/blobAccount';
import { BlobHttp } from './blob/blobHttp';
import { BlobStorage } from './blob/blobStorage';
import { MemoryStateStore } from './memory/memoryStateStore';
import { ObservedStorage } from './observedStorage';
import { INTAKE_KEY_PREFIX, RECORD_KEY_SUFFIX, SqliteStorage } from './sqlite/sqliteStorage';
import type { StateStore } from './stateStore';
import { WriteProbe } from './writeProbe';

export type StorageSettings =
  | { kind: 'sqlite'; path?: string; ttlHours?: number; recordTtlDays?: number }
  /** A key or SAS connection string (Azurite, development). */
  | { kind: 'blob'; connectionString: string; container: string }
  /** The account's blob endpoint, with the app's Microsoft Entra identity (AZURE_CLIENT_ID: a user-assigned one). */
  | { kind: 'blob'; accountUrl: string; clientId?: string; container: string }
  /** Tests only: state is lost when the process exits. */
  | { kind: 'memory' };

export interface StorageHandle {
  /** Every failure of a call to it is logged as an error and counted. */
  storage: StateStore;
  close(): Promise<void>;
  /** Resolves when the store takes a write (a probe record written and read back); for readiness probes. */
  ping(): Promise<void>;
  /** Calls to the store that failed since start-up. */
  failureCount(): number;
  /** Resolves when the store can be used: with Microsoft Entra ID, once the first token is had; before the bot listens. */
  open(): Promise<void>;
}

/** Blob storage's audience in Microsoft Entra ID. */
const STORAGE_SCOPE = 'https://storage.azure.com/.default';
const TOKEN_PURPOSE = 'Blob storage';

interface BackingStore {
  readonly storage: StateStore;
  close(): Promise<void>;
  /** The store's own precondition (a token), checked before it is first used and by every readiness probe. */
  readonly token?: RenewedToken;
}

/** The store the settings name, observed (see ObservedStorage), with a readiness probe that writes. */
export function createStorage(settings: StorageSettings, log: Logger): StorageHandle {
  const { storage: backing, close, token } = openBackingStore(settings, log);
  const storage = new ObservedStorage(backing, log);
  const probe = new WriteProbe(storage);
  return {
    storage,
    close,
    // A failed renewal makes the instance unready even while the token it holds still works.
    ping: async () => {
      await token?.check();
      await probe.check();
    },
    failureCount: () => storage.failureCount,
    open: async () => token?.start(),
  };
}

function blobAccountOf(settings: Extract<StorageSettings, { kind: 'blob' }>, log: Logger): { account: BlobAccount; token?: RenewedToken } {
  if ('connectionString' in settings) return { account: accountOfConnectionString(settings.connectionString, settings.container) };
  const token = new RenewedToken(azureCredential(settings.clientId), STORAGE_SCOPE, TOKEN_PURPOSE, log);
  return { account: accountOfUrl(settings.accountUrl, settings.container, () => token.get()), token };
}

function openBackingStore(settings: StorageSettings, log: Logger): BackingStore {
  switch (settings.kind) {
    case 'sqlite': {
      const storage = new SqliteStorage({ path: settings.path, ttlHours: settings.ttlHours, log, ...(settings.recordTtlDays ? { keptLonger: { keySuffix: RECORD_KEY_SUFFIX, keyPrefix: INTAKE_KEY_PREFIX, ttlHours: settings.recordTtlDays * 24 } } : {}) });
      return { storage, close: async () => storage.close() };
    }
    case 'blob': {
      const { account, token } = blobAccountOf(settings, log);
      const service = new BlobHttp(account);
      return { storage: new BlobStorage(service), close: () => service.close(), ...(token ? { token } : {}) };
    }
    case 'memory':
      return { storage: new MemoryStateStore(), close: async () => undefined };
  }
}
