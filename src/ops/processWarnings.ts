import { Logger } from './logger';

/**
 * restify loads spdy (HTTP/2 support this bot does not use), whose http-deceiver touches a deprecated
 * Node internal at load time: DEP0111, harmless here, and not avoidable without leaving restify.
 */
const KNOWN_HARMLESS = new Set(['DEP0111']);

/**
 * Node prints warnings as plain text on stderr; they go to the JSON log instead, the known harmless
 * one at debug level. Warnings are emitted on the next tick, so ones raised while modules loaded
 * still arrive here when this runs at start-up.
 */
export function logProcessWarnings(log: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error & { code?: string }) => {
    const fields = { warning: warning.name, code: warning.code };
    if (warning.code && KNOWN_HARMLESS.has(warning.code)) log.debug(fields, warning.message);
    else log.warn(fields, warning.message);
  });
}
