import { createSecretKey, KeyObject } from 'node:crypto';

/** How the bot proves itself to the Blob service: the account's key, a SAS, or a Microsoft Entra token. */
export type BlobAuthorization =
  | { readonly kind: 'sharedKey'; readonly accountName: string; readonly key: KeyObject }
  | { readonly kind: 'sas'; readonly sas: string }
  /** A bearer token for https://storage.azure.com, fetched (and renewed) for each request. */
  | { readonly kind: 'bearer'; readonly token: () => Promise<string> };

export interface BlobAccount {
  /** The container's URL, without a trailing slash. */
  readonly container: URL;
  readonly authorization: BlobAuthorization;
}

/** Azurite's published development account, for `UseDevelopmentStorage=true`. */
const DEVELOPMENT_ACCOUNT = {
  BlobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
  AccountName: 'devstoreaccount1',
  AccountKey: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
};

const containerUrl = (endpoint: string, container: string): URL => new URL(`${endpoint.replace(/\/+$/, '')}/${encodeURIComponent(container)}`);

/** A key or SAS connection string, as the Azure portal and Azurite give them (Azurite, development). */
export function accountOfConnectionString(connectionString: string, container: string): BlobAccount {
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const settings = parts.get('UseDevelopmentStorage') === 'true' ? new Map(Object.entries(DEVELOPMENT_ACCOUNT)) : parts;
  const accountName = settings.get('AccountName') ?? '';
  const endpoint =
    settings.get('BlobEndpoint') ??
    `${settings.get('DefaultEndpointsProtocol') ?? 'https'}://${accountName}.blob.${settings.get('EndpointSuffix') ?? 'core.windows.net'}`;
  const key = settings.get('AccountKey');
  const sas = settings.get('SharedAccessSignature')?.replace(/^\?/, '');
  if (!key && !sas) throw new Error('the storage connection string has neither AccountKey nor SharedAccessSignature');
  const pathAccount = new URL(endpoint).pathname.split('/').filter(Boolean)[0] ?? accountName;
  return {
    container: containerUrl(endpoint, container),
    authorization: key ? { kind: 'sharedKey', accountName: accountName || pathAccount, key: createSecretKey(Buffer.from(key, 'base64')) } : { kind: 'sas', sas: sas! },
  };
}

/** The account's blob endpoint (AZURE_STORAGE_ACCOUNT_URL), reached with the app's Microsoft Entra identity. */
export function accountOfUrl(accountUrl: string, container: string, token: () => Promise<string>): BlobAccount {
  return { container: containerUrl(accountUrl, container), authorization: { kind: 'bearer', token } };
}
