import type { Logger } from '../ops/logger';
import { BlobHttp } from './blob/blobHttp';
import { BlobStorage } from './blob/blobStorage';
import { MemoryStateStore } from './memory/memoryStateStore';
import { ObservedStorage } from './observedStorage';
import { RECORD_KEY_SUFFIX, SqliteStorage } from './sqlite/sqliteStorage';
import type { StateStore } from './stateStore';
import { WriteProbe } from './writeProbe';

export type StorageSettings =
  | { kind: 'sqlite'; path?: string; ttlHours?: number; recordTtlDays?: number }
  | { kind: 'blob'; connectionString: string; container: string }
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
}

/** The store the settings name, observed (see ObservedStorage), with a readiness probe that writes. */
export function createStorage(settings: StorageSettings, log: Logger): StorageHandle {
  const { storage: backing, close } = openBackingStore(settings, log);
  const storage = new ObservedStorage(backing, log);
  const probe = new WriteProbe(storage);
  return { storage, close, ping: () => probe.check(), failureCount: () => storage.failureCount };
}

function openBackingStore(settings: StorageSettings, log: Logger): Pick<StorageHandle, 'storage' | 'close'> {
  switch (settings.kind) {
    case 'sqlite': {
      const storage = new SqliteStorage({ path: settings.path, ttlHours: settings.ttlHours, log, ...(settings.recordTtlDays ? { keptLonger: { keySuffix: RECORD_KEY_SUFFIX, ttlHours: settings.recordTtlDays * 24 } } : {}) });
      return { storage, close: async () => storage.close() };
    }
    case 'blob': {
      const service = new BlobHttp(settings.connectionString, settings.container);
      return { storage: new BlobStorage(service), close: async () => service.close() };
    }
    case 'memory':
      return { storage: new MemoryStateStore(), close: async () => undefined };
  }
}
