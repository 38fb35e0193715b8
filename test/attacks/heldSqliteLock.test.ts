import { expect, it } from '@jest/globals';
import { STORAGE_BUSY_REPLY } from '../../src/bot/turns/replies';
import { AnalystChat, clickAnswerOf, deliver } from '../faults/support/analystChat';
import { sqliteBotForThisFile } from '../faults/support/sqliteBot';
import { stepOf, walkTo } from '../faults/support/walk';

/**
 * Another connection holds the SQLite file's write lock while analysts click. better-sqlite3 is
 * synchronous, so a write that waits inside SQLite freezes the whole process: before the fix each
 * waiting write blocked it for 5 s. Now the waits are short and retried off the event loop: probes
 * keep answering, the turns get the storage-busy answer within seconds, and nothing moved.
 */

const CLICKS = 3;
/** Generous for a busy two-core machine; a blocked event loop makes it seconds. */
const PROBE_BOUND_MS = 250;
/** The retry budget (3 s) and room: well inside the time Teams waits for a click's answer. */
const ANSWER_BOUND_MS = 6_000;
const PROBE_EVERY_MS = 20;

const run = sqliteBotForThisFile();

/** /healthz latencies, one probe after another, until `done` settles. */
async function probeWhile(done: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void done.finally(() => (settled = true));
  const latencies: number[] = [];
  while (!settled) {
    const started = performance.now();
    expect((await fetch(`${run.bot.url}/healthz`)).status).toBe(200);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  return latencies;
}

const summary = (ms: number[]): string => `max ${Math.round(Math.max(...ms))} ms over ${ms.length} probes`;

it('turns under a held write lock get the busy answer in seconds, /healthz answers throughout, and nothing moved', async () => {
  const chat = new AnalystChat(run.connector);
  const step2 = await walkTo(chat, run.bot.url, 2);
  const before = await probeWhile(new Promise((resolve) => setTimeout(resolve, 500)));

  const release = run.state.holdWrites();
  let during: number[];
  let answers: { status: number; body: unknown }[];
  let typed: Record<string, unknown>;
  const started = performance.now();
  try {
    const turns = Promise.all([
      Promise.all(Array.from({ length: CLICKS }, () => deliver(run.bot.url, chat.click(step2, 'Next')))),
      chat.say(run.bot.url, 'undo'),
    ]);
    [during, [answers, typed]] = await Promise.all([probeWhile(turns), turns]);
  } finally {
    release();
  }
  const answeredMs = performance.now() - started;
  console.log(`held SQLite write lock: /healthz before ${summary(before)}, during ${summary(during)}; ${CLICKS + 1} turns answered in ${Math.round(answeredMs)} ms`);

  expect(answers.map(clickAnswerOf)).toEqual(Array(CLICKS).fill({ kind: 'message', text: STORAGE_BUSY_REPLY }));
  expect(typed.text).toBe(STORAGE_BUSY_REPLY);
  expect(answeredMs).toBeLessThan(ANSWER_BOUND_MS);
  expect(Math.max(...during)).toBeLessThan(PROBE_BOUND_MS);

  const step3 = await chat.clickForCard(run.bot.url, step2, 'Next');
  expect(stepOf(step3.card)).toBe(3);
}, 60_000);
