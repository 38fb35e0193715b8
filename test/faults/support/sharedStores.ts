import { Azurite, startAzurite } from '../../../tools/azurite';
import { BearerBlobGateway, startBearerBlobGateway } from '../../support/bearerBlobGateway';
import { ManagedIdentityEndpoint, startManagedIdentityEndpoint } from '../../support/managedIdentityEndpoint';
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

/** Azurite behind an HTTPS endpoint that takes only bearer tokens from a local App Service identity endpoint. */
export interface EntraBlob {
  /** The bot's settings: the account URL and the identity endpoint, no key or connection string. */
  readonly env: Record<string, string>;
  readonly identity: ManagedIdentityEndpoint;
  readonly gateway: BearerBlobGateway;
  dispose(): Promise<void>;
}

export async function startEntraBlob(tokenLifetimeSeconds?: number): Promise<EntraBlob> {
  const azurite = await startAzurite();
  const identity = await startManagedIdentityEndpoint(tokenLifetimeSeconds);
  const gateway = await startBearerBlobGateway(azurite.connectionString, identity.isValid);
  return {
    env: { STORAGE: 'blob', AZURE_STORAGE_ACCOUNT_URL: gateway.accountUrl, AZURE_STORAGE_CONTAINER: 'faults', NODE_EXTRA_CA_CERTS: gateway.caFile, ...identity.env },
    identity,
    gateway,
    dispose: async () => {
      await gateway.close();
      await identity.close();
      await azurite.dispose();
    },
  };
}
