import type { StoragePipelineOptions } from '@azure/storage-blob';
import { MemoryStorage, type Storage } from 'botbuilder-core';
import { BlobsWithCreateOnly } from './createOnly';
import { RecoveringStorage } from './recoveringStorage';
import { SqliteStorage } from './sqliteStorage';

export type StorageSettings =
  | { kind: 'sqlite'; path?: string; ttlHours?: number }
  | { kind: 'blob'; connectionString: string; container: string }
  /** Tests only: state is lost when the process exits. */
  | { kind: 'memory' };

export interface StorageHandle {
  storage: Storage;
  close(): Promise<void>;
  /** Resolves when the backing store is reachable; for readiness probes. */
  ping(): Promise<void>;
}

/**
 * The SDK's default retry (4 tries, 4 s exponential backoff, no per-try timeout) can stall a turn for
 * minutes; a turn has seconds before the channel gives up, so fail fast and let the next turn retry.
 */
const BLOB_PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, tryTimeoutInMs: 3_000, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 },
};

export function createStorage(settings: StorageSettings): StorageHandle {
  switch (settings.kind) {
    case 'sqlite': {
      const storage = new SqliteStorage({ path: settings.path, ttlHours: settings.ttlHours });
      return {
        storage,
        close: async () => storage.close(),
        ping: async () => storage.ping(),
      };
    }
    case 'blob': {
      // Loaded only when chosen: the Azure SDK would add about 90 ms and 5 MB to every start-up on SQLite.
      const { ContainerClient } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
      const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
      const { connectionString, container } = settings;
      const client = new ContainerClient(connectionString, container, BLOB_PIPELINE);
      const storage = new RecoveringStorage(
        () => new BlobsWithCreateOnly(new BlobsStorage(connectionString, container, { storagePipelineOptions: BLOB_PIPELINE }), client),
      );
      return {
        storage,
        close: async () => undefined,
        // Any answer means reachable and authorised; BlobsStorage creates a missing container on first use.
        ping: async () => void (await client.exists()),
      };
    }
    case 'memory':
      return { storage: new MemoryStorage(), close: async () => undefined, ping: async () => undefined };
  }
}
