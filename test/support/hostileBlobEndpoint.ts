import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { forwardToAzurite, selfSignedCertificate } from './bearerBlobGateway';

/**
 * A Blob endpoint over HTTPS in front of Azurite that can turn hostile: `healthy` forwards every
 * request (the bot's shared-key signature goes through untouched); `endlessBody` answers 200 with a
 * chunked body that never ends, sent as fast as the socket takes it; `hugeLength` declares
 * Content-Length: 10 GB and sends at full speed; `stallTls` accepts the TCP connection and never
 * answers the TLS handshake. A mode applies to what arrives after it is set (a new connection for
 * stallTls, a new request for the others).
 */

export type Hostility = 'healthy' | 'endlessBody' | 'hugeLength' | 'stallTls';

export interface HostileBlobEndpoint {
  /** A connection string for the bot: Azurite's key, this endpoint's https URL. */
  readonly connectionString: string;
  readonly caFile: string;
  mode: Hostility;
  /** Connections accepted and left hanging in stallTls mode. */
  stalled: number;
  /** Closes every connection, so the next requests connect anew (and meet the mode's handshake). */
  dropConnections(): void;
  close(): Promise<void>;
}

const TEN_GB = 10 * 1024 ** 3;
const JUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes `write()` as fast as the socket drains, until it closes. */
function flood(res: http.ServerResponse, write: () => boolean): void {
  const pump = (): void => {
    while (!res.destroyed && write());
  };
  res.on('drain', pump);
  pump();
}

export async function startHostileBlobEndpoint(azuriteConnectionString: string): Promise<HostileBlobEndpoint> {
  const azurite = new URL(/BlobEndpoint=([^;]+)/.exec(azuriteConnectionString)![1]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-blob-'));
  const files = selfSignedCertificate(dir);
  const endpoint = { mode: 'healthy' as Hostility, stalled: 0 };
  const sockets = new Set<net.Socket>();

  const tlsServer = https.createServer({ key: readFileSync(files.key), cert: readFileSync(files.cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.on('error', () => undefined);
      if (endpoint.mode === 'endlessBody') {
        res.writeHead(200, { 'content-type': 'application/json', etag: '"0x1"' });
        flood(res, () => res.write(JUNK));
      } else if (endpoint.mode === 'hugeLength') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(TEN_GB), etag: '"0x1"' });
        flood(res, () => res.write(JUNK));
      } else {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && !['host', 'connection'].includes(name)) headers[name] = value;
        forwardToAzurite(azurite, req, headers, Buffer.concat(chunks), res);
      }
    });
  });
  tlsServer.on('tlsClientError', () => undefined);
  // The TCP front decides per connection: held without a word (stallTls), or handed to the TLS server.
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (endpoint.mode === 'stallTls') endpoint.stalled += 1;
    else tlsServer.emit('connection', socket);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as net.AddressInfo;
  const key = /AccountKey=([^;]+)/.exec(azuriteConnectionString)![1];
  return Object.assign(endpoint, {
    connectionString: `DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=${key};BlobEndpoint=https://127.0.0.1:${port}/devstoreaccount1;`,
    caFile: files.cert,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
