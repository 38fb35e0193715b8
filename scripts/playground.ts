import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { BOT_BUNDLE } from '../tools/botProcess';
import { supervise, SupervisedChild } from '../tools/childProcess';

/**
 * `npm run playground`: the bot, exactly as `npm start` runs it, behind Microsoft 365 Agents
 * Playground (a local Teams emulator with personal chat, group chat and channel). Prints the URL
 * to open. Tests use `startPlayground` with port 0 to get both on free ports.
 */

export interface PlaygroundOptions {
  /** The bot's HTTP port; 0 picks a free one. */
  readonly botPort: number;
  /** The Playground's port; 0 picks a free one (the Playground itself also moves on when it is taken). */
  readonly playgroundPort: number;
  /** The built bot, as `npm start` runs it (dist/air-guidance-bot.js). */
  readonly botEntry: string;
  /** Settings for the bot on top of this process's environment, e.g. STORAGE=memory. */
  readonly botEnv?: Readonly<Record<string, string>>;
  /** Receives every output line of both processes, prefixed with where it came from. */
  readonly log?: (line: string) => void;
  readonly startTimeoutMs?: number;
}

export interface RunningPlayground {
  /** Where the Playground sends activities: the bot's /api/messages. */
  readonly botEndpoint: string;
  /** The Playground's web page and REST/WebSocket API. */
  readonly url: string;
  /** Stops both processes and removes the Playground's working directory. */
  stop(): Promise<void>;
}

const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const READINESS_POLL_MS = 100;
/** Enough of a process's last output to explain why it did not start. */
const OUTPUT_TAIL_LINES = 30;

/**
 * The Playground sends no Bot Framework tokens and uses a made-up tenant, so the bot it talks to
 * must run anonymously, whatever the analyst's .env says for Teams.
 */
const LOCAL_ONLY_ENV: Readonly<Record<string, string>> = {
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  ToBotFromChannelOpenIdMetadataUrl: '',
  ToBotFromChannelTokenIssuer: '',
  ALLOWED_TENANT_IDS: '',
};

/** Claims the port for a moment to learn it is free (0: any free port) and returns its number. */
export function reservePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use; choose another one`) : error),
    );
    probe.listen(port, () => {
      const address = probe.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      probe.close(() => resolve(chosen));
    });
  });
}

/** A child of this script, named in its log lines and error messages. */
interface Child extends SupervisedChild {
  readonly name: string;
}

/** Takes charge of a child just spawned: its lines go to the log with its name in front. */
function watched(name: string, child: ChildProcess, log: ((line: string) => void) | undefined): Child {
  const supervised = supervise(child, STOP_GRACE_MS);
  if (log) supervised.onLine((line) => log(`[${name}] ${line}`));
  return { name, ...supervised };
}

/** Why it stopped, for an error message: its last lines. */
const failure = (child: Child, what: string): Error =>
  new Error(`${child.name} ${what}. Its last output:\n${child.output().split('\n').slice(-OUTPUT_TAIL_LINES).join('\n')}`);

/** Resolves with the first value `attempt` returns, or rejects when the child dies or time runs out. */
async function waitFor<T>(child: Child, what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw failure(child, `exited before it was ${what}`);
    const value = await attempt();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, READINESS_POLL_MS));
  }
  throw failure(child, `was not ${what} within ${timeoutMs} ms`);
}

async function isHealthy(baseUrl: string): Promise<true | undefined> {
  try {
    return (await fetch(`${baseUrl}/healthz`)).ok ? true : undefined;
  } catch {
    return undefined;
  }
}

function startBot(options: PlaygroundOptions, port: number): Child {
  const child = spawn(process.execPath, [options.botEntry], {
    env: { ...process.env, ...options.botEnv, ...LOCAL_ONLY_ENV, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watched('bot', child, options.log);
}

function startPlaygroundCli(options: PlaygroundOptions, botEndpoint: string, workDir: string): Child {
  const child = spawn(process.execPath, [PLAYGROUND_CLI, '--port', String(options.playgroundPort), '--disable-telemetry'], {
    // Its working directory receives its log folder and would be searched for a config file: keep both out of the repo.
    cwd: workDir,
    env: {
      ...process.env,
      BOT_ENDPOINT: botEndpoint,
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'playground.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watched('playground', child, options.log);
}

/** The Playground picks its own port when the asked one is taken, so the port is read from what it prints. */
function listeningPort(child: Child): () => Promise<number | undefined> {
  let port: number | undefined;
  child.onLine((line) => {
    const match = /Listening on (\d+)/.exec(line);
    if (match && port === undefined) port = Number(match[1]);
  });
  return async () => port;
}

/** Starts the bot, waits until it answers, then starts the Playground pointed at it. */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const botPort = await reservePort(options.botPort);
  const botBase = `http://127.0.0.1:${botPort}`;
  const botEndpoint = `${botBase}/api/messages`;
  const workDir = mkdtempSync(path.join(tmpdir(), 'air-playground-'));
  const started: Child[] = [];
  const stop = async (): Promise<void> => {
    // The Playground first, so it stops sending before the bot goes away.
    for (const child of [...started].reverse()) await child.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const bot = startBot(options, botPort);
    started.push(bot);
    await waitFor(bot, 'answering on /healthz', timeoutMs, () => isHealthy(botBase));
    const playground = startPlaygroundCli(options, botEndpoint, workDir);
    started.push(playground);
    const port = await waitFor(playground, 'listening', timeoutMs, listeningPort(playground));
    return { botEndpoint, url: `http://localhost:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function portSetting(name: string, fallback: number): number {
  const raw = (process.env[name] ?? '').trim();
  if (raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number from 0 to 65535, got "${raw}"`);
  return port;
}

async function main(): Promise<void> {
  // The bot reads .env itself; this reads it too, so PORT there is the port both agree on.
  loadDotenv();
  const running = await startPlayground({
    botPort: portSetting('PORT', 3978),
    playgroundPort: portSetting('PLAYGROUND_PORT', 56150),
    botEntry: path.join(__dirname, '..', BOT_BUNDLE),
    log: (line) => console.log(line),
  });
  console.log(`\nBot: ${running.botEndpoint}\nAgents Playground: open ${running.url} in a browser (Ctrl+C stops both).\n`);
  const stopAndExit = (): void => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', stopAndExit);
  process.once('SIGTERM', stopAndExit);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
