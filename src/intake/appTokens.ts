import type { TokenCredential } from '@azure/identity';
import type { BotIdentity, IntakeSettings } from '../config';
import { azureCredential } from '../ops/azureCredential';

/** The bot's own application token for one resource; undefined in anonymous local mode (local fakes only). */
export type AppToken = () => Promise<string | undefined>;

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const CONNECTOR_SCOPE = 'https://api.botframework.com/.default';
/** A MultiTenant bot's Connector tokens come from the Bot Framework's tenant. */
const BOT_FRAMEWORK_TENANT = 'botframework.com';

/**
 * The managed identity (MicrosoftAppType=UserAssignedMSI, AZURE_CLIENT_ID) or the app's client
 * secret. Graph is read in the bot's own tenant; the Connector token of a MultiTenant bot comes from
 * the Bot Framework's. The credentials cache and renew their tokens themselves.
 */
export function appTokens(identity: BotIdentity | undefined, intake: Pick<IntakeSettings, 'authorityHost' | 'managedIdentityClientId'>): { graph: AppToken; connector: AppToken } {
  if (!identity) return { graph: async () => undefined, connector: async () => undefined };
  // Required here, not imported: a bot without intake never loads @azure/identity (see azureCredential).
  const credential = (tenantId: string): TokenCredential => {
    if (identity.appType === 'UserAssignedMSI') return azureCredential(intake.managedIdentityClientId ?? identity.appId);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AzureAuthorityHosts, ClientSecretCredential } = require('@azure/identity') as typeof import('@azure/identity');
    // MSAL asks Microsoft's public cloud to vouch for any authority it does not know; a host that is none
    // of Microsoft's clouds (a local Entra in tests, a private one) is taken as given instead.
    const known = (Object.values(AzureAuthorityHosts) as string[]).includes(intake.authorityHost);
    return new ClientSecretCredential(tenantId, identity.appId, identity.appPassword, { authorityHost: intake.authorityHost, disableInstanceDiscovery: !known });
  };
  const graphCredential = credential(identity.tenantId || BOT_FRAMEWORK_TENANT);
  const connectorCredential = identity.appType === 'MultiTenant' ? credential(BOT_FRAMEWORK_TENANT) : graphCredential;
  const tokenOf = (source: TokenCredential, scope: string) => async () => {
    const token = await source.getToken(scope);
    if (!token) throw new Error(`no application token for ${scope}`);
    return token.token;
  };
  return { graph: tokenOf(graphCredential, GRAPH_SCOPE), connector: tokenOf(connectorCredential, CONNECTOR_SCOPE) };
}
