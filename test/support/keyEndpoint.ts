import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalAuthority } from './localAuthority';

/**
 * An OpenID metadata endpoint for the bot's signing keys that a test can take down and bring back:
 * while down it takes connections and never answers; while up it serves the local authority's
 * metadata document. It counts what reaches it, so a test can tell whether the bot asked for keys.
 */

export interface KeyEndpoint {
  readonly metadataUrl: string;
  /** Every connection it has been offered. */
  connections(): number;
  /** Every request it has had. */
  requests(): number;
  /** From now on it answers with the real authority's metadata. */
  recover(): void;
  /** From now on it hangs every request. */
  hang(): void;
  close(): Promise<void>;
}

export async function startKeyEndpoint(authority: LocalAuthority, { serving = false } = {}): Promise<KeyEndpoint> {
  let connections = 0;
  let requests = 0;
  let up = serving;
  const server = http.createServer(async (_req, res) => {
    requests++;
    if (!up) return;
    const metadata = await (await fetch(authority.metadataUrl)).text();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(metadata);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    connections: () => connections,
    requests: () => requests,
    recover: () => {
      up = true;
    },
    hang: () => {
      up = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: taken from the OS, then given back. */
export async function refusedUrl(): Promise<string> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/.well-known/openid-configuration`;
}
