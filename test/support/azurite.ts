import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { borrowFreePort } from '../../tools/botProcess';

/** Azurite's well-known devstoreaccount1 key (as in its source); any other key fails with 403. */
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

export interface Azurite {
  readonly connectionString: string;
  /** Takes the blob service down; its data directory is kept for restart(). */
  stop(): Promise<void>;
  /** Brings the service back on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the service and removes its data directory. */
  dispose(): Promise<void>;
}

/** Starts a private Azurite blob service on a free port in a fresh temp directory. */
export async function startAzurite(): Promise<Azurite> {
  const port = await borrowFreePort();
  const location = mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    child = await spawnAzurite(port, location);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running) await terminate(running);
  };

  try {
    await start();
  } catch (err) {
    rmSync(location, { recursive: true, force: true });
    throw err;
  }

  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${ACCOUNT_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      rmSync(location, { recursive: true, force: true });
    },
  };
}

function azuriteBlobEntry(): string {
  // Run the package's bin with this very node binary: the .bin shim's `env node` may pick another one.
  const pkgJson = require.resolve('azurite/package.json');
  const bin = (require(pkgJson) as { bin: Record<string, string> }).bin['azurite-blob'];
  return path.join(path.dirname(pkgJson), bin);
}

async function spawnAzurite(port: number, location: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      azuriteBlobEntry(),
      ...['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location],
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
      // With telemetry on, Azurite ignores SIGTERM while its telemetry client is pending.
      '--disableTelemetry',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Safety net if the test process exits without reaching afterAll.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  try {
    await waitUntilListening(child, port, () => stderr);
  } catch (err) {
    await terminate(child);
    throw err;
  }
  return child;
}

async function waitUntilListening(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`azurite-blob exited during startup: ${stderr()}`);
    }
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`azurite-blob did not listen on port ${port} within ${START_TIMEOUT_MS} ms: ${stderr()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM lets Azurite flush its metadata (needed for restart); SIGKILL if it hangs. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
