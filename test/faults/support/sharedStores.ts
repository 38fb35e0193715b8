import { Azurite, startAzurite } from '../../../tools/azurite';
import { sqliteState } from './sqliteState';

/** A store several bot processes can share, started fresh for one test file. */
export interface SharedStore {
  readonly name: string;
  start(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }>;
}

export const SQLITE_FILE: SharedStore = {
  name: 'SQLite (one file)',
  start: async () => {
    const state = sqliteState();
    return { env: state.env, dispose: async () => state.dispose() };
  },
};

/** The bot's settings for blob state in Azurite. */
export const blobEnv = (azurite: Azurite): Record<string, string> => ({
  STORAGE: 'blob',
  AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
  AZURE_STORAGE_CONTAINER: 'faults',
});

export const AZURITE_BLOB: SharedStore = {
  name: 'Azure Blob (Azurite)',
  start: async () => {
    const azurite = await startAzurite();
    return { env: blobEnv(azurite), dispose: () => azurite.dispose() };
  },
};
