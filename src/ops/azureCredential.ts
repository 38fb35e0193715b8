import type { TokenCredential } from '@azure/identity';

/**
 * The app's own Microsoft Entra identity, for every Azure resource it reaches as itself (Blob storage;
 * Microsoft Graph for alert intake). AZURE_CLIENT_ID names the user-assigned managed identity the
 * deployment gives the Web App; without it DefaultAzureCredential finds one (a system-assigned identity,
 * or a developer's `az login`). On App Service the managed identity answers at IDENTITY_ENDPOINT, which
 * the platform sets together with IDENTITY_HEADER; no secret is in the app's settings.
 *
 * @azure/identity (and MSAL under it) is required here, not imported: a bot on SQLite or a key never
 * loads it (its memory and start-up time).
 */
export function azureCredential(clientId: string | undefined): TokenCredential {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential, ManagedIdentityCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

/** The variables that decide which identity azureCredential uses, for an error that must name them. */
export const credentialVariables = (clientId: string | undefined): string => (clientId ? 'AZURE_CLIENT_ID (a user-assigned managed identity)' : 'no AZURE_CLIENT_ID: DefaultAzureCredential');
