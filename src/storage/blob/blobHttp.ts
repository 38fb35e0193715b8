import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionSettings, KeptAliveConnections } from './keptAliveConnections';

/**
 * The few Blob service requests the bot makes (download, upload, delete a blob; create its container),
 * signed with the account's shared key and sent on kept-alive connections. The Azure SDK's pipeline
 * (its policies, tracing, XML and per-call clients) cost the bot more CPU than the rest of a turn.
 * The service's answer is read as text; its XML only for an error's code.
 */

/** Azurite's published development account, for `UseDevelopmentStorage=true`. */
const DEVELOPMENT_ACCOUNT = {
  BlobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
  AccountName: 'devstoreaccount1',
  AccountKey: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
};
const API_VERSION = '2021-12-02';
/**
 * A turn has seconds before the channel gives up, so fail fast and let the next turn retry: 3 tries,
 * 3 s each at most, 200 ms then 400 ms apart.
 */
const MAX_TRIES = 3;
const TRY_TIMEOUT_MS = 3_000;
const FIRST_RETRY_DELAY_MS = 200;
const RETRIED_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/**
 * Enough connections for a burst of turns without opening one per request; an idle one is closed
 * before a service's usual keep-alive timeout (Azurite's is 5 s, Azure's minutes) would close it under a request.
 */
const CONNECTIONS: ConnectionSettings = { maxConnections: 64, idleMs: 4_000 };

export interface BlobAnswer {
  readonly status: number;
  readonly eTag?: string;
  readonly body: string;
}

/** A request the service answered with an error status; `statusCode` as the SDK's errors have it. */
export class BlobServiceError extends Error {
  override readonly name = 'BlobServiceError';

  constructor(
    readonly statusCode: number,
    readonly errorCode: string | undefined,
  ) {
    super(`blob service answered ${statusCode}${errorCode ? ` ${errorCode}` : ''}`);
  }
}

interface Account {
  /** The container's URL, without a trailing slash. */
  readonly container: URL;
  readonly accountName: string;
  /** Undefined when the connection string carries a SAS instead of a key. */
  readonly key?: Buffer;
  readonly sas?: string;
}

function accountOf(connectionString: string, container: string): Account {
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
  const name = new URL(endpoint).pathname.split('/').filter(Boolean)[0] ?? accountName;
  return {
    container: new URL(`${endpoint.replace(/\/+$/, '')}/${encodeURIComponent(container)}`),
    accountName: accountName || name,
    ...(key ? { key: Buffer.from(key, 'base64') } : {}),
    ...(sas ? { sas } : {}),
  };
}

/** Headers that the shared-key signature covers, in the order the service reads them. */
const SIGNED_HEADERS = ['content-encoding', 'content-language', 'content-length', 'content-md5', 'content-type', 'date', 'if-modified-since', 'if-match', 'if-none-match', 'if-unmodified-since', 'range'];

export interface BlobRequest {
  readonly method: 'GET' | 'PUT' | 'DELETE';
  /** The blob's name as it appears in the URL (already escaped); undefined for the container itself. */
  readonly blob?: string;
  /** Query parameters beyond the SAS, already escaped. */
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export class BlobHttp {
  private readonly account: Account;
  private readonly connections: KeptAliveConnections;
  private readonly hmacKey?: KeyObject;
  /** The Host header and the container's path, the same in every request. */
  private readonly host: string;
  private readonly containerPath: string;

  constructor(connectionString: string, container: string) {
    this.account = accountOf(connectionString, container);
    this.connections = new KeptAliveConnections(this.account.container, CONNECTIONS);
    if (this.account.key) this.hmacKey = createSecretKey(this.account.key);
    this.host = this.account.container.host;
    this.containerPath = this.account.container.pathname;
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.connections.close();
  }

  /** Sends the request, retrying network failures and the service's transient answers; rejects with BlobServiceError on an error status. */
  async send(request: BlobRequest): Promise<BlobAnswer> {
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.sendOnce(request);
        if (answer.status < 400) return answer;
        const error = new BlobServiceError(answer.status, /<Code>([^<]*)<\/Code>/.exec(answer.body)?.[1]);
        if (!RETRIED_STATUSES.has(answer.status) || attempt === MAX_TRIES) throw error;
      } catch (error) {
        if (error instanceof BlobServiceError && !RETRIED_STATUSES.has(error.statusCode)) throw error;
        if (attempt === MAX_TRIES) throw error;
      }
      await sleep(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1));
    }
  }

  private async sendOnce(request: BlobRequest): Promise<BlobAnswer> {
    const path = request.blob === undefined ? this.containerPath : `${this.containerPath}/${request.blob}`;
    const query = request.query ?? {};
    let search = '';
    for (const name in query) search += `${search ? '&' : '?'}${name}=${query[name]}`;
    if (this.account.sas) search += `${search ? '&' : '?'}${this.account.sas}`;
    const body = request.body ?? '';
    const headers: Record<string, string> = { ...request.headers };
    for (const name in headers) if (/[\r\n]/.test(headers[name])) throw new Error(`the ${name} header of a blob request holds a line break`);
    headers['x-ms-date'] = new Date().toUTCString();
    headers['x-ms-version'] = API_VERSION;
    headers['content-length'] = String(Buffer.byteLength(body));
    if (this.hmacKey) headers.authorization = this.signature(request.method, path, query, headers);
    let head = `${request.method} ${path}${search} HTTP/1.1\r\nhost: ${this.host}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    const { status, eTag, body: answer } = await this.connections.exchange(`${head}\r\n${body}`, TRY_TIMEOUT_MS);
    return { status, body: answer, ...(eTag ? { eTag } : {}) };
  }

  /** The SharedKey authorization header (Blob service, version 2009-09-19 and later). */
  private signature(method: string, path: string, query: Readonly<Record<string, string>>, headers: Readonly<Record<string, string>>): string {
    let toSign = method;
    for (const name of SIGNED_HEADERS) toSign += `\n${name === 'content-length' && headers[name] === '0' ? '' : (headers[name] ?? '')}`;
    toSign += '\n';
    for (const name of Object.keys(headers).filter((header) => header.startsWith('x-ms-')).sort()) toSign += `${name}:${headers[name]}\n`;
    toSign += `/${this.account.accountName}${path}`;
    for (const name of Object.keys(query).sort()) toSign += `\n${name}:${decodeURIComponent(query[name])}`;
    return `SharedKey ${this.account.accountName}:${createHmac('sha256', this.hmacKey!).update(toSign, 'utf8').digest('base64')}`;
  }
}
