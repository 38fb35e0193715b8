import net from 'node:net';
import { BotProcess, startBotProcess } from '../../tools/botProcess';

/**
 * A sender that sends its headers, then one byte of body a second, holds a connection for as long as
 * the server lets it. The whole request must arrive within 30 s: the bot gives up on it then (408 and
 * the connection closed), not 30 s later when Node's default check comes round.
 */

const REQUEST_TIMEOUT_MS = 30_000;
/** Node checks the timeout once a second; the rest is room for a busy machine. */
const CLOSED_WITHIN_MS = REQUEST_TIMEOUT_MS + 3_000;

let bot: BotProcess;

beforeAll(async () => {
  bot = await startBotProcess({ env: { STORAGE: 'memory' } });
});

afterAll(async () => {
  await bot?.stop();
});

test('a body trickled one byte a second is cut off at 30 s', async () => {
  const { port } = new URL(bot.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = Date.now();
  socket.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
  const trickle = setInterval(() => socket.writable && socket.write(' '), 1_000);
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);

  await new Promise<void>((resolve) => {
    // Given up on well after the bound, so a server that never closes still fails the test below.
    const giveUp = setTimeout(resolve, CLOSED_WITHIN_MS + 35_000);
    socket.once('close', () => {
      clearTimeout(giveUp);
      resolve();
    });
  });
  clearInterval(trickle);
  const heldMs = Date.now() - started;
  console.log(`slow sender: connection held ${heldMs} ms; answer ${JSON.stringify(answer.split('\r\n')[0])}`);

  expect(heldMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 1_000);
  expect(heldMs).toBeLessThan(CLOSED_WITHIN_MS);
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
}, 90_000);
