import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RunningPlayground, startPlayground } from '../../scripts/playground';
import { BOT_BUNDLE } from '../../tools/botProcess';

/** The bot as `npm start` runs it, behind Agents Playground on free ports, for the end-to-end tests. */

const ROOT = path.resolve(__dirname, '..', '..');
const BOT_ENTRY = path.join(ROOT, 'dist', BOT_BUNDLE);
/** What the compiled bot is made from. */
const SOURCES = ['src', 'cards', 'tsconfig.json'].map((p) => path.join(ROOT, p));

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** The end-to-end tests run the compiled bot; CI builds first, a developer's edit may not be built yet. */
function ensureBuilt(): void {
  if (existsSync(BOT_ENTRY) && statSync(BOT_ENTRY).mtimeMs >= Math.max(...SOURCES.map(newestChange))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Starts the compiled bot (in-memory state, quiet logs) behind the Playground, both on free ports. */
export async function startTestPlayground(): Promise<RunningPlayground> {
  ensureBuilt();
  return startPlayground({
    botPort: 0,
    playgroundPort: 0,
    botEntry: BOT_ENTRY,
    botEnv: { STORAGE: 'memory', LOG_LEVEL: 'warn' },
  });
}
