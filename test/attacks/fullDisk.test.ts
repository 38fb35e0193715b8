import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STORAGE_DOWN_REPLY } from '../../src/bot/turns/replies';
import { BotProcess, startBotProcess } from '../../tools/botProcess';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { AnalystChat, clickAnswerOf, deliver } from '../faults/support/analystChat';
import { stepOf, walkTo } from '../faults/support/walk';

/**
 * The disk under the SQLite file fills up. Reads still work, so before the fix every turn answered
 * "I could not reach my storage", logged as answered at info level, and /readyz stayed 200. Now each
 * failure is an error line with its cause, the turn is logged as failed, and readiness proves a
 * write, so it says 503 until space is back. A small tmpfs is the disk: the tests run as root (CI too).
 */

const DISK_SIZE = '512k';
const TURNS = 4;

let connector: FakeConnector;
let mountPoint: string;
let bot: BotProcess;

beforeAll(async () => {
  connector = await startFakeConnector();
  mountPoint = mkdtempSync(path.join(os.tmpdir(), 'full-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_SIZE}`, 'tmpfs', mountPoint]);
  bot = await startBotProcess({ env: { STORAGE: 'sqlite', STATE_DB_PATH: path.join(mountPoint, 'state.db') } });
});

afterAll(async () => {
  await bot?.kill();
  await connector?.close();
  if (mountPoint) {
    execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

/** Writes zeros until the disk refuses; returns the file to delete to free the space again. */
function fillDisk(): string {
  const filler = path.join(mountPoint, 'filler');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

type LogLine = { level: string; msg: string; outcome?: string; storageFailures?: number; err?: { code?: string; message?: string } };

const logLines = (): LogLine[] =>
  bot
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

it('turns answer the storage reply, the log has error lines with the cause, /readyz is 503; all well again once space is back', async () => {
  const chat = new AnalystChat(connector);
  const step1 = await walkTo(chat, bot.url, 1);
  expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);

  const filler = fillDisk();
  const answers = [];
  for (let i = 0; i < TURNS; i++) answers.push(clickAnswerOf(await deliver(bot.url, chat.click(step1, 'Next'))));
  expect((await chat.say(bot.url, 'undo')).text).toBe(STORAGE_DOWN_REPLY);
  expect(answers).toEqual(Array(TURNS).fill({ kind: 'message', text: STORAGE_DOWN_REPLY }));
  const readiness = await fetch(`${bot.url}/readyz`);
  expect(readiness.status).toBe(503);

  const storageErrors = logLines().filter((line) => line.level === 'error' && line.msg === 'storage write failed');
  expect(storageErrors.length).toBeGreaterThanOrEqual(TURNS + 2);
  expect(storageErrors.every((line) => line.err?.code === 'SQLITE_FULL' && /disk is full/.test(line.err.message ?? ''))).toBe(true);
  expect(storageErrors.map((line) => line.storageFailures)).toEqual(storageErrors.map((_, i) => i + 1));
  const turnLines = logLines().filter((line) => line.msg === 'turn');
  expect(turnLines.slice(-TURNS - 1).map((line) => [line.level, line.outcome])).toEqual(Array(TURNS + 1).fill(['error', 'failed']));

  unlinkSync(filler);
  expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  // Nothing moved while the disk was full.
  expect(stepOf((await chat.clickForCard(bot.url, step1, 'Next')).card)).toBe(2);
});
