import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher, Pool } from 'undici';
import { TokenUnavailableError } from '../../ops/renewedToken';
import { MAX_ITEM_BYTES } from '../stateStore';
import type { BlobAccount } from './blobAccount';
import { sharedKeySignature } from './sharedKey';

/**
 * The few Blob service requests the bot makes (download, upload, delete a blob; create its container),
 * sent with undici (Node's own HTTP engine) on a pool of kept-alive connections to the account, and
 * authorized with the account's shared key, a SAS, or a Microsoft Entra bearer token. The Azure SDK's
 * pipeline (its policies, tracing, XML and per-call clients) cost the bot more CPU than the rest of a
 * turn. The service's answer is read as text; its XML only for an error's code.
 */

const API_VERSION = '2021-12-02';
/**
 * A turn has seconds before the channel gives up, so fail fast and let the next turn retry: 3 tries
 * within 4 s in all, 3 s each at most, 200 ms then 400 ms apart.
 */
const MAX_TRIES = 3;
const TRY_TIMEOUT_MS = 3_000;
const SEND_BUDGET_MS = 4_000;
const FIRST_RETRY_DELAY_MS = 200;
const RETRIED_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/**
 * A connection, TLS handshake included, is given 1 s: an endpoint whose handshakes stall must not hold
 * the pool's connections (they would keep failing requests after the endpoint is healthy again).
 */
const CONNECT_TIMEOUT_MS = 1_000;
/**
 * Enough connections for a burst of turns without opening one per request; an idle one is closed
 * before a service's usual keep-alive timeout (Azurite's is 5 s, Azure's minutes) would close it under a request.
 */
const MAX_CONNECTIONS = 64;
const IDLE_MS = 4_000;

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

export interface BlobRequest {
  readonly method: 'GET' | 'PUT' | 'DELETE';
  /** The blob's name as it appears in the URL (already escaped); undefined for the container itself. */
  readonly blob?: string;
  /** Query parameters beyond the SAS, already escaped. */
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Not tried again within the request: an answer larger than anything the bot writes is not the bot's
 * state (it is cut off), and a token that could not be had was already waited for (and is tried again
 * by the next request).
 */
const isFinal = (error: unknown): boolean => (error as { code?: unknown }).code === OVERSIZED || error instanceof TokenUnavailableError;
/** undici's code for an answer cut off at maxResponseSize, also given to one whose Content-Length is beyond it. */
const OVERSIZED = 'UND_ERR_RES_EXCEEDED_MAX_SIZE';

export class BlobHttp {
  private readonly pool: Pool;
  private readonly containerPath: string;

  constructor(private readonly account: BlobAccount) {
    // Required, not imported: a bot on SQLite never loads undici.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Pool } = require('undici') as typeof import('undici');
    this.pool = new Pool(account.container.origin, {
      connections: MAX_CONNECTIONS,
      keepAliveTimeout: IDLE_MS,
      keepAliveMaxTimeout: IDLE_MS,
      headersTimeout: TRY_TIMEOUT_MS,
      bodyTimeout: TRY_TIMEOUT_MS,
      maxResponseSize: MAX_ITEM_BYTES,
      connect: { timeout: CONNECT_TIMEOUT_MS },
    });
    this.containerPath = account.container.pathname;
  }

  /** Closes the kept-alive connections; requests under way are cut off. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  /** Sends the request, retrying network failures and the service's transient answers; rejects with BlobServiceError on an error status. */
  async send(request: BlobRequest): Promise<BlobAnswer> {
    const giveUpAt = performance.now() + SEND_BUDGET_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.sendOnce(request, Math.min(TRY_TIMEOUT_MS, giveUpAt - performance.now()));
        if (answer.status < 400) return answer;
        throw new BlobServiceError(answer.status, /<Code>([^<]*)<\/Code>/.exec(answer.body)?.[1]);
      } catch (error) {
        if (error instanceof BlobServiceError && !RETRIED_STATUSES.has(error.statusCode)) throw error;
        const delay = FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1);
        if (attempt === MAX_TRIES || isFinal(error) || performance.now() + delay >= giveUpAt) throw error;
        await sleep(delay);
      }
    }
  }

  private async sendOnce(request: BlobRequest, timeoutMs: number): Promise<BlobAnswer> {
    const path = request.blob === undefined ? this.containerPath : `${this.containerPath}/${request.blob}`;
    const query = request.query ?? {};
    let search = '';
    for (const name in query) search += `${search ? '&' : '?'}${name}=${query[name]}`;
    const authorization = this.account.authorization;
    if (authorization.kind === 'sas') search += `${search ? '&' : '?'}${authorization.sas}`;
    const body = request.body ?? '';
    const headers: Record<string, string> = { ...request.headers };
    headers['x-ms-date'] = new Date().toUTCString();
    headers['x-ms-version'] = API_VERSION;
    headers['content-length'] = String(Buffer.byteLength(body));
    if (authorization.kind === 'sharedKey') headers.authorization = sharedKeySignature(authorization.accountName, authorization.key, request.method, path, query, headers);
    else if (authorization.kind === 'bearer') headers.authorization = `Bearer ${await authorization.token()}`;
    return exchange(this.pool, { method: request.method, path: `${path}${search}`, headers, body }, Math.max(1, timeoutMs));
  }
}

const oversized = (what: string): Error => Object.assign(new Error(`the blob service answered with ${what}, more than the ${MAX_ITEM_BYTES} bytes of the largest item`), { code: OVERSIZED });

/**
 * One request on the pool, its answer gathered from undici's handler calls: no stream per answer and no
 * AbortSignal per request, which undici's request() costs. Rejects after `timeoutMs`, also while it
 * waits for a free connection; an answer announcing more than the cap is cut off at its head.
 */
function exchange(pool: Pool, options: Dispatcher.DispatchOptions, timeoutMs: number): Promise<BlobAnswer> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let eTag: string | undefined;
    const chunks: Buffer[] = [];
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ status, body: Buffer.concat(chunks).toString('utf8'), ...(eTag ? { eTag } : {}) });
    };
    const timeout = new Error(`blob service did not answer within ${timeoutMs} ms`);
    const timer = setTimeout(() => {
      controller?.abort(timeout);
      settle(timeout);
    }, timeoutMs);
    pool.dispatch(options, {
      onRequestStart: (started) => {
        controller = started;
        if (settled) started.abort(timeout);
      },
      onResponseStart: (started, statusCode, headers) => {
        status = statusCode;
        const length = Number(headers['content-length']);
        if (length > MAX_ITEM_BYTES) return started.abort(oversized(`a Content-Length of ${length}`));
        if (typeof headers.etag === 'string') eTag = headers.etag;
      },
      onResponseData: (_, chunk) => void chunks.push(chunk),
      onResponseEnd: () => settle(),
      onResponseError: (_, error) => settle(error),
    });
  });
}
