import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ExitStatus, supervise, SupervisedChild } from './childProcess';

/** The built bot, as `npm start` runs it, as a child process on a free port, for tests and the benchmark. */

/** What `npm start` runs, relative to dist/: the bundle scripts/bundle.ts makes of the compiled bot. */
export const BOT_BUNDLE = 'air-guidance-bot.js';

export interface BotProcessOptions {
  /** Settings for the bot (STORAGE, STATE_DB_PATH, ...); PORT is chosen here. */
  readonly env?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
  /** Another built server to run instead of the bot, relative to dist/ (the benchmark's echo bot); it must serve GET /healthz. */
  readonly script?: string;
  /** Options for node itself, before the script (the benchmark's --cpu-prof, which NODE_OPTIONS does not allow). */
  readonly nodeArgs?: readonly string[];
  /** How often to ask /healthz while starting; the benchmark asks often, to time start-up closely. */
  readonly pollIntervalMs?: number;
}

export interface BotProcess {
  /** Base URL: POST `${url}/api/messages`, GET `${url}/healthz`. */
  readonly url: string;
  readonly pid: number;
  isRunning(): boolean;
  /** The latest of what the process wrote to stdout and stderr (its log), for failure messages. */
  output(): string;
  /** Sends the signal (SIGTERM by default) and waits for the exit; SIGKILL if it has not exited in time. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
  /** A crash: SIGKILL, no chance to finish anything. */
  kill(): Promise<ExitStatus>;
}

const DEFAULT_START_TIMEOUT_MS = 15_000;
/** Longer than the bot's own shutdown grace, so a gentle stop is never cut short here. */
const STOP_TIMEOUT_MS = 12_000;
const POLL_INTERVAL_MS = 50;

/**
 * Only what is given here reaches the bot: no inherited variables, and no .env file (dotenv reads
 * the empty device instead), so a developer's own settings cannot switch on authentication.
 */
const ISOLATED_ENV: Readonly<Record<string, string>> = {
  DOTENV_CONFIG_PATH: os.devNull,
  DOTENV_CONFIG_QUIET: 'true',
  LOG_LEVEL: 'warn',
};

function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The built entry point: tests and the benchmark run what `npm run build` produced, so build first. */
function builtEntry(root: string, script = BOT_BUNDLE): string {
  const entry = path.join(root, 'dist', script);
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run "npm run build" first`);
  return entry;
}

/** For servers that read their port from settings (the bot, Azurite): borrow a free one from the OS and hand it over. */
export async function borrowFreePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

async function waitUntilServing(child: SupervisedChild, url: string, timeoutMs: number, pollIntervalMs = POLL_INTERVAL_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) {
      const { code, signal } = await child.exited;
      throw new Error(`the bot exited while starting (code ${code}, signal ${signal}):\n${child.output()}`);
    }
    if (await isHealthy(url)) return;
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
  throw new Error(`the bot did not answer ${url}/healthz within ${timeoutMs} ms:\n${child.output()}`);
}

export async function startBotProcess(options: BotProcessOptions = {}): Promise<BotProcess> {
  const root = packageRoot(__dirname);
  const entry = builtEntry(root, options.script);
  const port = await borrowFreePort();
  const env = { PATH: process.env.PATH ?? '', ...ISOLATED_ENV, ...options.env, PORT: String(port) };
  const child = supervise(
    spawn(process.execPath, [...(options.nodeArgs ?? []), entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }),
    STOP_TIMEOUT_MS,
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(child, url, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS, options.pollIntervalMs);
  } catch (error) {
    await child.stop('SIGKILL');
    throw error;
  }
  return {
    url,
    pid: child.pid,
    isRunning: child.isRunning,
    output: child.output,
    stop: child.stop,
    kill: () => child.stop('SIGKILL'),
  };
}
