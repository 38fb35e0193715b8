import { afterEach, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { KeptAliveConnections } from '../../src/storage/blob/keptAliveConnections';

/** A scripted HTTP service: `answer` sees each request's text (per connection) and writes what it likes. */
interface Service {
  readonly origin: URL;
  connections: number;
  close(): Promise<void>;
}

async function startService(answer: (socket: net.Socket, request: string, onConnection: number) => void): Promise<Service> {
  const sockets = new Set<net.Socket>();
  const service = { connections: 0 } as { connections: number };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const connection = ++service.connections;
    let requestsOnIt = 0;
    socket.on('data', (chunk) => answer(socket, chunk.toString('latin1'), (requestsOnIt++, connection)));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return Object.assign(service, {
    origin: new URL(`http://127.0.0.1:${port}/devstoreaccount1`),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

const REQUEST = 'GET /devstoreaccount1/state/key HTTP/1.1\r\nhost: test\r\ncontent-length: 0\r\n\r\n';
const OK = (body: string): string => `HTTP/1.1 200 OK\r\nETag: "0x8D1"\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('kept-alive connections to the Blob service', () => {
  let service: Service | undefined;
  let client: KeptAliveConnections | undefined;
  afterEach(async () => {
    client?.close();
    await service?.close();
  });

  it('reads status, eTag and body, and sends the next request on the same connection', async () => {
    service = await startService((socket) => socket.write(OK('{"step":2,"note":"café"}')));
    client = new KeptAliveConnections(service.origin, { maxConnections: 4, idleMs: 1_000 });
    const first = await client.exchange(REQUEST, 1_000);
    const second = await client.exchange(REQUEST, 1_000);
    expect(first).toEqual({ status: 200, eTag: '"0x8D1"', body: '{"step":2,"note":"café"}' });
    expect(second.body).toBe(first.body);
    expect(service.connections).toBe(1);
  });

  it('decodes a chunked answer that arrives in pieces', async () => {
    service = await startService((socket) => {
      socket.write('HTTP/1.1 404 The specified blob does not exist.\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n<Code>');
      setTimeout(() => socket.write('\r\n15\r\nBlobNotFound</Code>\r\n\r\n0\r\n\r\n'), 20);
    });
    client = new KeptAliveConnections(service.origin, { maxConnections: 4, idleMs: 1_000 });
    await expect(client.exchange(REQUEST, 1_000)).resolves.toEqual({ status: 404, body: '<Code>BlobNotFound</Code>\r\n' });
  });

  it('sends a request again on a fresh connection when the service closed the kept-alive one under it', async () => {
    service = await startService((socket, _request, connection) => {
      // The first connection answers once, then drops the next request unanswered, as a service closing an idle connection does.
      if (connection === 1 && socket.bytesWritten > 0) socket.destroy();
      else socket.write(OK('fresh'));
    });
    client = new KeptAliveConnections(service.origin, { maxConnections: 4, idleMs: 1_000 });
    await client.exchange(REQUEST, 1_000);
    await expect(client.exchange(REQUEST, 1_000)).resolves.toMatchObject({ status: 200, body: 'fresh' });
    expect(service.connections).toBe(2);
  });

  it('drops a connection whose chunked answer is malformed', async () => {
    service = await startService((socket) => socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n0\r\n\r\n'));
    client = new KeptAliveConnections(service.origin, { maxConnections: 4, idleMs: 1_000 });
    await expect(client.exchange(REQUEST, 1_000)).rejects.toThrow(/malformed chunk/);
  });

  it('fails, without sending again, when a new connection closes before answering', async () => {
    service = await startService((socket) => socket.destroy());
    client = new KeptAliveConnections(service.origin, { maxConnections: 4, idleMs: 1_000 });
    await expect(client.exchange(REQUEST, 1_000)).rejects.toThrow(/closed/);
    expect(service.connections).toBe(1);
  });

  it('gives up on a service that does not answer within the time allowed, and the next request still goes out', async () => {
    let silent = true;
    service = await startService((socket) => void (silent ? undefined : socket.write(OK('late but here'))));
    client = new KeptAliveConnections(service.origin, { maxConnections: 1, idleMs: 1_000 });
    const started = Date.now();
    await expect(client.exchange(REQUEST, 150)).rejects.toThrow(/did not answer within 150 ms/);
    expect(Date.now() - started).toBeLessThan(1_000);
    silent = false;
    await expect(client.exchange(REQUEST, 1_000)).resolves.toMatchObject({ body: 'late but here' });
  });

  it('queues requests beyond the connection limit instead of opening more connections', async () => {
    service = await startService((socket) => setTimeout(() => socket.write(OK('queued')), 10));
    client = new KeptAliveConnections(service.origin, { maxConnections: 2, idleMs: 1_000 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => client!.exchange(REQUEST, 1_000)));
    expect(answers.map((answer) => answer.body)).toEqual(Array(6).fill('queued'));
    expect(service.connections).toBe(2);
  });
});
