import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Storage round trips as the Blob service sees them, by kind. */
export interface RoundTrips {
  readonly reads: number;
  /** Uploads that replace a blob (with or without If-Match). */
  readonly writes: number;
  /** Uploads that must create their blob (If-None-Match: *). */
  readonly creates: number;
  /** Anything else: deletes, container calls. */
  readonly other: number;
}

export const tripsBetween = (before: RoundTrips, after: RoundTrips, per: number): RoundTrips => ({
  reads: (after.reads - before.reads) / per,
  writes: (after.writes - before.writes) / per,
  creates: (after.creates - before.creates) / per,
  other: (after.other - before.other) / per,
});

function kindOf(request: http.IncomingMessage): keyof RoundTrips {
  const isContainerCall = /[?&]restype=container/.test(request.url ?? '');
  if (isContainerCall) return 'other';
  if (request.method === 'GET' || request.method === 'HEAD') return 'reads';
  if (request.method === 'PUT') return request.headers['if-none-match'] === '*' ? 'creates' : 'writes';
  return 'other';
}

/**
 * A counting proxy in front of the Blob service: the bot talks to it as to Azure, and every request
 * it forwards is counted, so round trips are measured at the wire, not estimated from the code.
 */
export class StorageWire {
  private counts: RoundTrips = { reads: 0, writes: 0, creates: 0, other: 0 };

  private constructor(
    private readonly server: http.Server,
    private readonly agent: http.Agent,
  ) {}

  static async inFrontOf(target: URL): Promise<StorageWire> {
    const agent = new http.Agent({ keepAlive: true });
    let wire: StorageWire | undefined;
    const server = http.createServer((request, response) => {
      wire!.count(request);
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.destroy());
      request.pipe(upstream);
    });
    wire = new StorageWire(server, agent);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return wire;
  }

  /** The proxy's port: the bot's connection string points here instead of at the service. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Requests forwarded so far. */
  snapshot(): RoundTrips {
    return { ...this.counts };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private count(request: http.IncomingMessage): void {
    const kind = kindOf(request);
    this.counts = { ...this.counts, [kind]: this.counts[kind] + 1 };
  }
}
