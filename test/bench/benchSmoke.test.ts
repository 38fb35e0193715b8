import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm run bench` must keep working on a fresh clone. This runs the built benchmark at a tiny load:
 * both bots start, every turn is answered in the right conversation, and the report is printed and
 * saved. Its figures at this size say nothing, so no target is judged here.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const TINY_LOAD = ['--conversations', '2', '--turns', '3', '--rounds', '1', '--paused', '20', '--renders', '5', '--storage', 'both'];
const SAVED = /^saved (bench\/results\/bench-\S+\.json)$/m;

it('runs the echo bot and this bot on SQLite and on Blob at a tiny load with no errors, and prints and saves the report', async () => {
  const bench = path.join(ROOT, 'dist', 'bench', 'run.js');
  // A missed target exits 1; at this load that is noise, so only the output is judged.
  const { stdout } = await promisify(execFile)(process.execPath, [bench, ...TINY_LOAD], { cwd: ROOT }).catch((failure: { code?: number; stdout: string }) => {
    if (failure.code !== 1) throw failure;
    return failure;
  });
  expect(stdout).toMatch(/^turns per second +\d+ +\d+ +\d+\.\d\dx +\d+ +\d+\.\d\dx/m);
  // Counted at the wire in front of Azurite: a click on the analyst's own card reads once and writes once.
  expect(stdout).toMatch(/^this bot on Blob, storage round trips at the wire: per click 1\.00 reads, 1\.00 writes, 0\.00 creates, 0\.00 other; per new message /m);
  expect(stdout).toMatch(/^20 walks left at step 1 in .*, 0 errors; the echo bot took the same 20 conversations .*, 0 errors$/m);
  expect(stdout).toMatch(/^zero errors in every run +0 errors +PASS$/m);
  const saved = JSON.parse(readFileSync(path.join(ROOT, SAVED.exec(stdout)![1]), 'utf8'));
  expect(saved.bots.map((bot: { errors: number }) => bot.errors)).toEqual([0, 0]);
  expect(saved.echo.errors).toBe(0);
  expect(saved.paused.state.conversations).toBeGreaterThanOrEqual(20);
}, 120_000);

it('`--intake` posts every incident once at a tiny load and prints the Graph requests, the time to the last post and the memory', async () => {
  const bench = path.join(ROOT, 'dist', 'bench', 'run.js');
  const { stdout } = await promisify(execFile)(process.execPath, [bench, '--intake', '--incidents', '20'], { cwd: ROOT });
  expect(stdout).toMatch(/^intake: 20 incidents, 20 threads \(20 distinct\)$/m);
  expect(stdout).toMatch(/^ {2}Graph requests: \d+ \(\d+ alerts_v2 pages\/polls, 20 incident reads\)$/m);
  expect(stdout).toMatch(/^ {2}time from start to the last post: \d+\.\d\d s/m);
  expect(stdout).toMatch(/^ {2}bot RSS: \d+ MB, peak \d+ MB$/m);
}, 60_000);
