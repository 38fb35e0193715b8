import type { Server } from 'node:http';
import { withDeadline } from './deadline';
import { InFlightTurns } from './inFlightTurns';
import { Logger } from './logger';

/** Within a container's usual stop timeout, with room to spare. */
export const SHUTDOWN_GRACE_MS = 8_000;
/** Sending the last spans and metrics takes well under this; an unreachable endpoint does not hold the exit. */
const TELEMETRY_FLUSH_MS = 1_000;

export interface Stoppable {
  readonly server: Server;
  readonly turns: InFlightTurns;
  readonly closeStorage: () => Promise<void>;
  /** Sends what telemetry is still buffered, when it is exported. */
  readonly flushTelemetry?: () => Promise<void>;
  readonly log: Logger;
  readonly exit: (code: number) => void;
  readonly graceMs?: number;
}

/**
 * Stops taking requests, lets the turns in flight finish (bounded), closes storage, sends the last
 * telemetry (bounded), exits: 0 when every turn finished, 1 when some were cut off or anything went
 * wrong. Later calls do nothing.
 */
export function createShutdown(target: Stoppable): (reason: string) => Promise<void> {
  let started = false;
  return async (reason) => {
    if (started) return;
    started = true;
    const { server, turns, log } = target;
    log.info({ reason, inFlight: turns.size }, 'shutting down');
    turns.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const drained = await turns.drain(target.graceMs ?? SHUTDOWN_GRACE_MS);
    if (!drained) log.warn({ inFlight: turns.size }, 'turns still running at the end of the grace period');
    // Keep-alive connections would hold close() open; every answer has gone out by now.
    server.closeAllConnections();
    await closed;
    let code = drained ? 0 : 1;
    try {
      await target.closeStorage();
    } catch (error) {
      log.error({ err: error }, 'storage did not close cleanly');
      code = 1;
    }
    // Lost telemetry is logged, but the bot itself stopped cleanly: the exit code does not change.
    if (target.flushTelemetry) {
      await withDeadline(target.flushTelemetry(), TELEMETRY_FLUSH_MS, 'telemetry flush').catch((error: unknown) => log.warn({ err: error }, 'telemetry not flushed'));
    }
    log.info({ exitCode: code }, 'stopped');
    target.exit(code);
  };
}

/**
 * SIGTERM (orchestrators) and SIGINT (Ctrl+C) stop the process gently. A rejection nobody handled is
 * logged and the process keeps serving; an uncaught exception leaves state unknown, so it exits.
 */
export function handleProcessEvents(shutdown: (reason: string) => Promise<void>, log: Logger): void {
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
}
