import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { typedMessage } from '../support/wireActivities';

/**
 * A Bot Connector that takes every connection and never answers, under a burst of messages: the
 * bot takes at most MAX_TURNS_IN_FLIGHT turns and answers the rest 503 with Retry-After at once,
 * gives up each connector call after its timeout (closing the socket), stays within a bounded
 * memory and socket count, and still stops cleanly (exit 0) on SIGTERM while turns are stuck.
 */

const CAP = 40;
const BURST = 300;
/** The bot gives up a connector call after 5 s; this is room for a busy two-core machine. */
const SOCKETS_RELEASED_WITHIN_MS = 9_000;
const SHUTDOWN_GRACE_MS = 8_000;

interface BlackHole {
  readonly serviceUrl: string;
  /** Connections open right now. */
  open(): number;
  /** The most connections ever open at once. */
  peak(): number;
  close(): Promise<void>;
}

async function startBlackHole(): Promise<BlackHole> {
  let open = 0;
  let peak = 0;
  // Reads each request and never answers it.
  const server = http.createServer(() => undefined);
  server.on('connection', (socket) => {
    peak = Math.max(peak, ++open);
    socket.once('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/teams/`,
    open: () => open,
    peak: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const openFds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/** One connection per message, closed after its answer, so the bot's own sockets are what is counted. */
const agent = new http.Agent({ keepAlive: false, maxSockets: BURST });

function post(bot: BotProcess, activity: object): Promise<{ status: number; retryAfter?: string }> {
  const body = JSON.stringify(activity);
  const url = new URL(`${bot.url}/api/messages`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

let connector: BlackHole;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startBlackHole();
  bot = await startBotProcess({ env: { STORAGE: 'memory', MAX_TURNS_IN_FLIGHT: String(CAP) } });
});

afterAll(async () => {
  await bot?.kill();
  await connector?.close();
  agent.destroy();
});

test(`${BURST} messages to a connector that never answers: ${CAP} turns at most, the rest 503 at once, sockets and memory bounded`, async () => {
  const before = { rss: rssMb(bot.pid), fds: openFds(bot.pid) };
  let peak = { ...before };
  const sampler = setInterval(() => {
    peak = { rss: Math.max(peak.rss, rssMb(bot.pid)), fds: Math.max(peak.fds, openFds(bot.pid)) };
  }, 100);

  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => post(bot, { ...typedMessage(`report ${i}`, connector.serviceUrl), conversation: { id: `a:burst-${i}`, conversationType: 'personal' } })));
  const answeredMs = Date.now() - started;
  const releasedMs = await until(() => connector.open() === 0, SOCKETS_RELEASED_WITHIN_MS);
  clearInterval(sampler);
  const after = { rss: rssMb(bot.pid), fds: openFds(bot.pid) };

  const busy = answers.filter((a) => a.status === 503);
  const taken = answers.filter((a) => a.status !== 503);
  console.log(
    `hanging connector, ${BURST} messages, cap ${CAP}: ${taken.length} taken (statuses ${[...new Set(taken.map((a) => a.status))].join(',')}), ${busy.length} answered 503; ` +
      `all answered in ${answeredMs} ms; connector sockets: peak ${connector.peak()}, open after ${releasedMs} ms: ${connector.open()}; ` +
      `bot RSS ${before.rss.toFixed(0)} -> peak ${peak.rss.toFixed(0)} -> ${after.rss.toFixed(0)} MB; bot fds ${before.fds} -> peak ${peak.fds} -> ${after.fds}`,
  );

  expect(taken.length).toBeLessThanOrEqual(CAP);
  expect(busy.length).toBeGreaterThanOrEqual(BURST - CAP);
  expect(busy.every((a) => Number(a.retryAfter) >= 1)).toBe(true);
  expect(connector.peak()).toBeLessThanOrEqual(CAP);
  expect(connector.open()).toBe(0);
  expect(peak.fds - before.fds).toBeLessThan(BURST + CAP + 20);
  expect(after.fds - before.fds).toBeLessThan(10);
  expect(peak.rss - before.rss).toBeLessThan(80);
  // The bot still answers (a probe needs no connector).
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
});

test('SIGTERM while turns hang on that connector: the process exits 0 within its grace', async () => {
  const stuck = Array.from({ length: 10 }, (_, i) => post(bot, { ...typedMessage('help', connector.serviceUrl), conversation: { id: `a:stuck-${i}`, conversationType: 'personal' } }).catch(() => undefined));
  await until(() => connector.open() >= 10, 5_000);

  const signalled = Date.now();
  const exit = await bot.stop('SIGTERM');
  const tookMs = Date.now() - signalled;
  console.log(`SIGTERM with 10 turns hanging on the connector: exit ${JSON.stringify(exit)} after ${tookMs} ms`);
  await Promise.all(stuck);

  expect(exit).toEqual({ code: 0, signal: null });
  expect(tookMs).toBeLessThan(SHUTDOWN_GRACE_MS + 1_000);
});
