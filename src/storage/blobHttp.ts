import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The few Blob service requests the bot makes (download, upload, delete a blob; create its container),
 * signed with the account's shared key and sent on kept-alive connections. The Azure SDK's pipeline
 * (its policies, tracing, XML and per-call clients) cost the bot more CPU than the rest of a turn.
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
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(connectionString: string, container: string) {
    this.account = accountOf(connectionString, container);
    const secure = this.account.container.protocol === 'https:';
    this.transport = secure ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
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

  private sendOnce(request: BlobRequest): Promise<BlobAnswer> {
    const { container, sas } = this.account;
    const path = request.blob === undefined ? container.pathname : `${container.pathname}/${request.blob}`;
    const query = { ...request.query };
    const search = [...Object.entries(query).map(([name, value]) => `${name}=${value}`), ...(sas ? [sas] : [])].join('&');
    const body = request.body ?? '';
    const headers: Record<string, string> = {
      ...request.headers,
      'x-ms-date': new Date().toUTCString(),
      'x-ms-version': API_VERSION,
      'content-length': String(Buffer.byteLength(body)),
    };
    if (this.account.key) headers.authorization = this.signature(request.method, path, query, headers);
    return new Promise((resolve, reject) => {
      const outgoing = this.transport.request(
        { protocol: container.protocol, hostname: container.hostname, port: container.port, method: request.method, path: search ? `${path}?${search}` : path, headers, agent: this.agent, timeout: TRY_TIMEOUT_MS },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const eTag = incoming.headers.etag;
            resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(eTag ? { eTag } : {}) });
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`blob service did not answer within ${TRY_TIMEOUT_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  /** The SharedKey authorization header (Blob service, version 2009-09-19 and later). */
  private signature(method: string, path: string, query: Readonly<Record<string, string>>, headers: Readonly<Record<string, string>>): string {
    const signed = SIGNED_HEADERS.map((name) => (name === 'content-length' && headers[name] === '0' ? '' : (headers[name] ?? '')));
    const msHeaders = Object.keys(headers)
      .filter((name) => name.startsWith('x-ms-'))
      .sort()
      .map((name) => `${name}:${headers[name]}\n`)
      .join('');
    const resource = [
      `/${this.account.accountName}${path}`,
      ...Object.keys(query)
        .sort()
        .map((name) => `${name}:${decodeURIComponent(query[name])}`),
    ].join('\n');
    const toSign = `${method}\n${signed.join('\n')}\n${msHeaders}${resource}`;
    return `SharedKey ${this.account.accountName}:${createHmac('sha256', this.account.key!).update(toSign, 'utf8').digest('base64')}`;
  }
}
