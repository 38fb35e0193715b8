import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess } from '../tools/botProcess';
import { startFakeConnector } from '../tools/fakeConnector';
import { emailIncident, startFakeGraphAlerts } from '../tools/fakeGraphAlerts';
import { memoryOf } from './instruments';

/**
 * `npm run bench -- --intake`: `count` incidents AIR acted on, polled from a local Graph (100 alerts
 * a page) and posted by the real process to a local Connector, threads unpaced so the bot's own cost
 * shows. Prints the Graph requests, the time from start to the last post, and the bot's memory.
 */
export async function benchIntake(count: number): Promise<void> {
  const graph = await startFakeGraphAlerts(100);
  const connector = await startFakeConnector();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'intake-bench-'));
  const base = Date.now() - 30 * 60_000;
  graph.put(...Array.from({ length: count }, (_, i) => emailIncident(i, new Date(base + i).toISOString())));
  const started = performance.now();
  const bot = await startBotProcess({
    env: {
      STORAGE: 'sqlite',
      STATE_DB_PATH: path.join(dir, 'state.db'),
      INTAKE_CHANNEL_ID: '19:bench@thread.tacv2',
      INTAKE_SERVICE_URL: connector.serviceUrl,
      INTAKE_POLL_SECONDS: '1',
      INTAKE_THREAD_INTERVAL_MS: '0',
      GRAPH_BASE_URL: graph.baseUrl,
    },
  });
  try {
    const threads = () => connector.calls.filter((call) => call.kind === 'create');
    while (threads().length < count) await new Promise((resolve) => setTimeout(resolve, 20));
    const lastPostMs = Math.max(...threads().map((call) => call.at)) - started;
    const memory = memoryOf(bot.pid);
    const lists = graph.reads.filter((read) => read.path.endsWith('/alerts_v2')).length;
    console.log(`intake: ${count} incidents, ${threads().length} threads (${new Set(threads().map((call) => call.conversationId)).size} distinct)`);
    console.log(`  Graph requests: ${graph.reads.length} (${lists} alerts_v2 pages/polls, ${graph.reads.length - lists} incident reads)`);
    console.log(`  time from start to the last post: ${(lastPostMs / 1000).toFixed(2)} s (process start included)`);
    console.log(`  bot RSS: ${memory.rssMb.toFixed(0)} MB, peak ${memory.peakRssMb.toFixed(0)} MB`);
  } finally {
    await bot.stop();
    await graph.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
