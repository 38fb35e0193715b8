import { Logger } from './logger';

/**
 * Node prints warnings as plain text on stderr; they go to the JSON log instead, as warnings. Warnings
 * are emitted on the next tick, so ones raised while modules loaded still arrive here when this runs
 * at start-up.
 */
export function logProcessWarnings(log: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error & { code?: string }) => log.warn({ warning: warning.name, code: warning.code }, warning.message));
}
