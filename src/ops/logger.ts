import pino, { DestinationStream, Logger } from 'pino';
import { currentTurn } from './turnScope';

export type { Logger } from 'pino';

type LoggedError = { type: string; message?: string; stack?: string; code?: string; statusCode?: number; cause?: LoggedError };

const MAX_CAUSE_DEPTH = 3;

/**
 * Only these properties of an error are logged. SDK errors carry the whole HTTP request and response
 * (headers, activity bodies) as enumerable properties, and pino's default serializer would print them.
 */
function loggedError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, statusCode, cause } = error as { code?: unknown; statusCode?: unknown; cause?: unknown };
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(cause !== undefined && depth < MAX_CAUSE_DEPTH ? { cause: loggedError(cause, depth + 1) } : {}),
  };
}

/**
 * JSON lines on stdout. Inside a turn every line carries the turn's correlation id. Callers log
 * chosen fields only: never message text, tokens, headers or settings.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'air-guidance-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: loggedError },
    mixin: () => {
      const turn = currentTurn();
      return turn ? { correlationId: turn.correlationId } : {};
    },
  };
  // Synchronous writes: the last lines before a crash or an exit are not lost in a buffer.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}
