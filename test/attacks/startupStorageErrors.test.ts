import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess } from '../../tools/botProcess';

/**
 * A state store that cannot be opened at start-up (a directory the bot may not write to, a file that
 * is not a SQLite database) is a setting to fix: the process says so in one JSON line naming
 * STATE_DB_PATH and exits 1, with no stack and none of the bundle's long lines.
 */

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'startup-storage-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What the bot printed before it exited while starting. */
async function startupFailure(statePath: string): Promise<string> {
  const failure = await startBotProcess({ env: { STORAGE: 'sqlite', STATE_DB_PATH: statePath } }).then(
    async (bot) => {
      await bot.stop();
      throw new Error('the bot started');
    },
    (error: Error) => error.message,
  );
  expect(failure).toMatch(/exited while starting \(code 1, signal null\)/);
  return failure.split('\n').slice(1).join('\n').trim();
}

const cases: [string, () => string][] = [
  // Root may write anywhere on disk, so the unwritable directory is one the kernel owns.
  ['a directory the bot cannot write to', () => '/sys/air-guidance-bot/state.db'],
  [
    'a file that is not a SQLite database',
    () => {
      const file = path.join(dir, 'corrupt.db');
      writeFileSync(file, 'this is not a database '.repeat(500));
      return file;
    },
  ],
];

test.each(cases)('%s: one line naming STATE_DB_PATH, exit 1, no stack', async (_what, statePath) => {
  const output = await startupFailure(statePath());
  console.log(`start-up storage error: ${output.length} characters: ${output.slice(0, 300)}`);

  expect(output.split('\n')).toHaveLength(1);
  expect(output.length).toBeLessThan(1_000);
  const line = JSON.parse(output);
  expect(line).toMatchObject({ level: 'fatal', variable: 'STATE_DB_PATH' });
  expect(output).not.toMatch(/\bat .*air-guidance-bot\.js/);
});
