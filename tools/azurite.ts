import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { borrowFreePort } from './botProcess';
import { supervise, SupervisedChild } from './childProcess';

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
  let child: SupervisedChild | undefined;

  const start = async (): Promise<void> => {
    child = await spawnAzurite(port, location);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    // SIGTERM lets Azurite flush its metadata (needed for restart).
    if (running) await running.stop();
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

async function spawnAzurite(port: number, location: string): Promise<SupervisedChild> {
  const child = supervise(
    spawn(
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
    ),
    STOP_TIMEOUT_MS,
  );
  try {
    await waitUntilListening(child, port);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return child;
}

async function waitUntilListening(child: SupervisedChild, port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw new Error(`azurite-blob exited during startup: ${child.output()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`azurite-blob did not listen on port ${port} within ${START_TIMEOUT_MS} ms: ${child.output()}`);
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
