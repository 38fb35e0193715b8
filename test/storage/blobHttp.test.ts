import { afterEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountOfConnectionString, accountOfUrl } from '../../src/storage/blob/blobAccount';
import { BlobHttp, BlobServiceError } from '../../src/storage/blob/blobHttp';
import { BlobStorage } from '../../src/storage/blob/blobStorage';
import { MAX_ITEM_BYTES } from '../../src/storage/stateStore';
import { writeHeadThen } from '../support/writeHeadThen';

/** The Blob client on undici against a scripted service: what it sends, what it reads, what it refuses. */

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

let server: http.Server | undefined;
let client: BlobHttp | undefined;

async function service(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ endpoint: string; seen: Seen[]; connections: () => number }> {
  const seen: Seen[] = [];
  let connections = 0;
  server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => answer(req, res));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/devstoreaccount1`, seen, connections: () => connections };
}

const keyed = (endpoint: string): string => `AccountName=devstoreaccount1;AccountKey=${Buffer.from('k'.repeat(32)).toString('base64')};BlobEndpoint=${endpoint}`;

afterEach(async () => {
  await client?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  client = undefined;
  server = undefined;
});

describe('the Blob client', () => {
  it('sends a bearer token from the account URL, reads status, eTag and body, and keeps its connections', async () => {
    const { endpoint, seen, connections } = await service((_req, res) => writeHeadThen(res, 200, { etag: '"0x8D1"' }).end('{"step":2,"note":"café"}'));
    client = new BlobHttp(accountOfUrl(endpoint, 'state', async () => 'token-1'));
    const first = await client.send({ method: 'GET', blob: 'a' });
    await client.send({ method: 'GET', blob: 'a' });
    for (let i = 0; i < 8; i++) await client.send({ method: 'GET', blob: 'b' });
    expect(first).toEqual({ status: 200, eTag: '"0x8D1"', body: '{"step":2,"note":"café"}' });
    expect(seen.map((s) => [s.method, s.url, s.authorization])).toEqual([
      ['GET', '/devstoreaccount1/state/a', 'Bearer token-1'],
      ['GET', '/devstoreaccount1/state/a', 'Bearer token-1'],
      ...Array.from({ length: 8 }, () => ['GET', '/devstoreaccount1/state/b', 'Bearer token-1']),
    ]);
    // One after another: undici frees a connection just after its answer's end, so a second may open, and no more.
    expect(connections()).toBeLessThanOrEqual(2);
  });

  it('signs with the shared key from a connection string, and retries a transient answer', async () => {
    let calls = 0;
    const { endpoint, seen } = await service((_req, res) => (calls++ === 0 ? writeHeadThen(res, 503).end() : writeHeadThen(res, 201, { etag: '"0x2"' }).end()));
    client = new BlobHttp(accountOfConnectionString(keyed(endpoint), 'state'));
    await expect(client.send({ method: 'PUT', blob: 'a', body: '{}' })).resolves.toMatchObject({ status: 201, eTag: '"0x2"' });
    expect(seen).toHaveLength(2);
    expect(seen[1].authorization).toMatch(/^SharedKey devstoreaccount1:[A-Za-z0-9+/]+=*$/);
  });

  it('an error answer rejects with its status and code, not retried', async () => {
    const { endpoint, seen } = await service((_req, res) => writeHeadThen(res, 404).end('<?xml version="1.0"?><Error><Code>BlobNotFound</Code></Error>'));
    client = new BlobHttp(accountOfConnectionString(keyed(endpoint), 'state'));
    await expect(client.send({ method: 'GET', blob: 'a' })).rejects.toEqual(new BlobServiceError(404, 'BlobNotFound'));
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['announces more than the largest item', (res: http.ServerResponse) => writeHeadThen(res, 200, { 'content-length': String(MAX_ITEM_BYTES + 1) }).write('x')],
    [
      'sends more than the largest item, chunked',
      (res: http.ServerResponse) => {
        writeHeadThen(res, 200).write('x'.repeat(MAX_ITEM_BYTES));
        res.end('xx');
      },
    ],
  ])('an answer that %s is cut off, and not asked for again', async (_what, answer) => {
    const { endpoint, seen } = await service((_req, res) => answer(res));
    client = new BlobHttp(accountOfConnectionString(keyed(endpoint), 'state'));
    await expect(client.send({ method: 'GET', blob: 'a' })).rejects.toMatchObject({ code: 'UND_ERR_RES_EXCEEDED_MAX_SIZE' });
    expect(seen).toHaveLength(1);
  });

  it('a service that never answers is given up within 4 s, all tries included', async () => {
    const { endpoint, seen } = await service(() => undefined);
    client = new BlobHttp(accountOfConnectionString(keyed(endpoint), 'state'));
    const started = performance.now();
    await expect(client.send({ method: 'GET', blob: 'a' })).rejects.toThrow(/did not answer within/);
    expect(performance.now() - started).toBeLessThan(4_500);
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it('the store writes no item larger than it would read back, and sends nothing for it', async () => {
    const { endpoint, seen } = await service((_req, res) => writeHeadThen(res, 201, { etag: '"0x1"' }).end());
    client = new BlobHttp(accountOfConnectionString(keyed(endpoint), 'state'));
    const store = new BlobStorage(client);
    await expect(store.write({ big: { text: 'x'.repeat(MAX_ITEM_BYTES) } })).rejects.toThrow(/larger than the 2097152 bytes the bot reads back/);
    expect(seen.filter((s) => s.url.includes('/big'))).toEqual([]);
  });
});
