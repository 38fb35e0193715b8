import net from 'node:net';
import tls from 'node:tls';

/**
 * A small HTTP/1.1 client for one origin: each request is written in one piece (head and body in one
 * socket write) on a kept-alive connection, and its answer read straight from the socket. Node's
 * http client spent about as much CPU per Blob request as the rest of a click's storage work
 * (request objects, header validation, streams and events per request). It carries only what the
 * Blob requests need: a Content-Length or chunked body, the status, the headers, no redirects.
 */

export interface RawAnswer {
  readonly status: number;
  /** The ETag header, the only one the Blob requests read. */
  readonly eTag?: string;
  readonly body: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const NOTHING = Buffer.alloc(0);
const LINE_END = Buffer.from('\r\n');
/** An answer's head larger than this is not a Blob service answer: the connection is dropped. */
const MAX_HEAD_BYTES = 64 * 1024;
/** Statuses that never carry a body. */
const BODILESS = (status: number): boolean => status === 204 || status === 304 || (status >= 100 && status < 200);
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})/;
// Only the headers read below are looked for, instead of splitting the whole head into a map.
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*([^\r]*)/i;
const CHUNKED = /\r\ntransfer-encoding:[^\r]*\bchunked\b/i;
const CONNECTION = /\r\nconnection:[ \t]*([^\r]*)/i;
const ETAG = /\r\netag:[ \t]*([^\r]*)/i;

/** What the answer's head says, once it is complete. */
interface Head {
  readonly status: number;
  readonly eTag?: string;
  /** Where the body starts in the connection's buffer. */
  readonly bodyStart: number;
  /** Undefined: chunked, or (without chunked) read until the service closes. */
  readonly length?: number;
  readonly chunked: boolean;
  readonly keepAlive: boolean;
}

function parseHead(buffer: Buffer, end: number): Head {
  const head = buffer.toString('latin1', 0, end);
  const statusLine = STATUS_LINE.exec(head);
  if (!statusLine) throw new Error('the blob service answered with something that is not HTTP/1.x');
  const status = Number(statusLine[2]);
  const connection = CONNECTION.exec(head)?.[1].trim().toLowerCase();
  const chunked = CHUNKED.test(head);
  const declared = CONTENT_LENGTH.exec(head)?.[1].trim();
  const length = BODILESS(status) ? 0 : chunked ? undefined : declared !== undefined ? Number(declared) : undefined;
  if (length !== undefined && !(Number.isInteger(length) && length >= 0)) throw new Error('the blob service answered with a malformed Content-Length');
  const eTag = ETAG.exec(head)?.[1].trim();
  return {
    status,
    ...(eTag ? { eTag } : {}),
    bodyStart: end + HEAD_END.length,
    length,
    chunked,
    keepAlive: statusLine[1] === '1' ? connection !== 'close' : connection === 'keep-alive',
  };
}

/** The decoded body and where it ends, or undefined while chunks are still missing. */
function dechunk(buffer: Buffer, start: number): { body: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  for (let at = start; ; ) {
    const lineEnd = buffer.indexOf(LINE_END, at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (!Number.isInteger(size) || size < 0) throw new Error('the blob service answered with a malformed chunk');
    const dataStart = lineEnd + LINE_END.length;
    if (size === 0) {
      // No trailers from the Blob service: the last chunk is followed by one empty line.
      const end = buffer.indexOf(LINE_END, dataStart);
      return end < 0 ? undefined : { body: Buffer.concat(parts), end: end + LINE_END.length };
    }
    if (buffer.length < dataStart + size + LINE_END.length) return undefined;
    if (!LINE_END.equals(buffer.subarray(dataStart + size, dataStart + size + LINE_END.length))) throw new Error('the blob service answered with a malformed chunk');
    parts.push(buffer.subarray(dataStart, dataStart + size));
    at = dataStart + size + LINE_END.length;
  }
}

interface Exchange {
  readonly resolve: (answer: RawAnswer) => void;
  readonly reject: (error: Error) => void;
}

/** One socket, one exchange at a time. */
class Connection {
  private received: Buffer = NOTHING;
  private head?: Head;
  private exchange?: Exchange;
  /** Set once an answer has been read on it: a failure before the next answer's first byte may be a close that crossed the request. */
  reused = false;
  private answerStarted = false;
  closed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly onFree: (connection: Connection) => void,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the blob service closed the connection')));
  }

  send(request: string, exchange: Exchange): void {
    this.exchange = exchange;
    this.answerStarted = false;
    this.socket.write(request);
  }

  /** Whether a failure now happened before any of the current answer arrived. */
  get nothingReceived(): boolean {
    return !this.answerStarted;
  }

  destroy(error?: Error): void {
    this.socket.destroy();
    this.fail(error ?? new Error('the connection was closed'));
  }

  private onData(chunk: Buffer): void {
    this.answerStarted = true;
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    try {
      this.readAnswer(false);
    } catch (error) {
      this.destroy(error as Error);
    }
  }

  private onEnd(): void {
    // Without a length, the body is whatever came before the service closed.
    if (this.exchange && this.head && this.head.length === undefined && !this.head.chunked) this.readAnswer(true);
    this.socket.end();
  }

  private readAnswer(atEnd: boolean): void {
    if (!this.exchange) throw new Error('the blob service sent data no request asked for');
    if (!this.head) {
      const end = this.received.indexOf(HEAD_END);
      if (end < 0) {
        if (this.received.length > MAX_HEAD_BYTES) throw new Error('the blob service answered with an oversized head');
        return;
      }
      this.head = parseHead(this.received, end);
    }
    const { status, eTag, bodyStart, length, chunked, keepAlive } = this.head;
    let body: Buffer;
    let end: number;
    if (chunked) {
      const decoded = dechunk(this.received, bodyStart);
      if (!decoded) return;
      ({ body, end } = decoded);
    } else if (length !== undefined) {
      end = bodyStart + length;
      if (this.received.length < end) return;
      body = this.received.subarray(bodyStart, end);
    } else {
      if (!atEnd) return;
      end = this.received.length;
      body = this.received.subarray(bodyStart);
    }
    const exchange = this.exchange;
    const reusable = keepAlive && (length !== undefined || chunked);
    this.exchange = undefined;
    this.head = undefined;
    this.received = end < this.received.length ? this.received.subarray(end) : NOTHING;
    exchange.resolve({ status, ...(eTag ? { eTag } : {}), body: body.toString('utf8') });
    if (!reusable || this.received.length > 0) {
      this.socket.destroy();
      this.closed = true;
      this.onClosed(this);
      return;
    }
    this.reused = true;
    this.onFree(this);
  }

  private fail(error: Error): void {
    const exchange = this.exchange;
    this.exchange = undefined;
    if (!this.closed) {
      this.closed = true;
      this.onClosed(this);
    }
    exchange?.reject(error);
  }
}

export interface ConnectionSettings {
  /** At most this many connections at once; further requests wait for one to be free. */
  readonly maxConnections: number;
  /** A connection unused this long is closed. */
  readonly idleMs: number;
}

/** A request from the moment it is asked for until it is answered, fails or runs out of time. */
interface Pending {
  readonly request: string;
  readonly resolve: (answer: RawAnswer) => void;
  readonly reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  connection?: Connection;
  settled: boolean;
  retried: boolean;
}

export class KeptAliveConnections {
  private readonly idle: Connection[] = [];
  private readonly waiting: Pending[] = [];
  private readonly idleTimers = new Map<Connection, NodeJS.Timeout>();
  private open = 0;

  constructor(
    private readonly origin: URL,
    private readonly settings: ConnectionSettings,
  ) {}

  /** Writes `request` (a whole HTTP/1.1 request: head and body) and resolves with the answer; rejects on a network failure or after `timeoutMs`. */
  exchange(request: string, timeoutMs: number): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { request, resolve, reject, settled: false, retried: false };
      pending.timer = setTimeout(() => {
        const error = new Error(`blob service did not answer within ${timeoutMs} ms`);
        const queued = this.waiting.indexOf(pending);
        if (queued >= 0) this.waiting.splice(queued, 1);
        this.settle(pending, error);
        pending.connection?.destroy(error);
      }, timeoutMs);
      const idle = this.idle.pop();
      if (idle) this.run(pending, this.reclaim(idle));
      else if (this.open < this.settings.maxConnections) this.runOnNewConnection(pending);
      else this.waiting.push(pending);
    });
  }

  /** Closes every idle connection; connections in use close as their answers arrive. */
  close(): void {
    for (const connection of [...this.idle]) connection.destroy();
  }

  private settle(pending: Pending, outcome: RawAnswer | Error): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  private run(pending: Pending, connection: Connection): void {
    pending.connection = connection;
    connection.send(pending.request, {
      resolve: (answer) => this.settle(pending, answer),
      reject: (error) => {
        pending.connection = undefined;
        // A kept-alive connection the service closed just as this request went out: the service
        // read none of it, so it goes once more, on a fresh connection.
        if (!pending.settled && !pending.retried && connection.reused && connection.nothingReceived) {
          pending.retried = true;
          this.runOnNewConnection(pending);
        } else this.settle(pending, error);
      },
    });
  }

  private runOnNewConnection(pending: Pending): void {
    this.connect().then(
      (connection) => (pending.settled ? this.release(connection) : this.run(pending, connection)),
      (error: Error) => this.settle(pending, error),
    );
  }

  private reclaim(connection: Connection): Connection {
    clearTimeout(this.idleTimers.get(connection));
    this.idleTimers.delete(connection);
    return connection;
  }

  private connect(): Promise<Connection> {
    this.open++;
    const { hostname, port, protocol } = this.origin;
    const secure = protocol === 'https:';
    const host = hostname.replace(/^\[|\]$/g, '');
    const socket = secure
      ? tls.connect({ host, port: Number(port) || 443, servername: net.isIP(host) ? undefined : host })
      : net.connect({ host, port: Number(port) || 80 });
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => {
        this.open--;
        reject(error);
      };
      socket.once('error', failed);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        socket.off('error', failed);
        socket.setKeepAlive(true, 1_000);
        resolve(new Connection(socket, (free) => this.release(free), (gone) => this.forget(gone)));
      });
    });
  }

  private release(connection: Connection): void {
    const next = this.waiting.shift();
    if (next) return this.run(next, connection);
    this.idle.push(connection);
    const timer = setTimeout(() => connection.destroy(), this.settings.idleMs);
    timer.unref();
    this.idleTimers.set(connection, timer);
  }

  private forget(connection: Connection): void {
    this.open--;
    this.reclaim(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    // A connection closed while requests wait: the first of them opens a new one.
    const next = this.waiting.shift();
    if (next) this.runOnNewConnection(next);
  }
}
