/**
 * When and how long to wait before calling the Bot Connector again. Teams throttles bots per
 * thread (429) and asks for retries with backoff on 412, 502 and 504; 503 is the same kind of
 * transient answer. Pure: the connector wiring lives in connectorRetry.ts.
 */

export interface RetrySettings {
  /** Calls made at most for one send, the first included. */
  readonly maxAttempts: number;
  /** The first backoff step; it doubles per retry and the wait is a random part of it (full jitter). */
  readonly baseDelayMs: number;
  /** All waits of one send together stay within this, so the turn still ends well before the channel gives up on it. */
  readonly waitBudgetMs: number;
}

export const CONNECTOR_RETRY: RetrySettings = { maxAttempts: 4, baseDelayMs: 500, waitBudgetMs: 6_000 };

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

/** The connector kept answering with a retryable status; the send was abandoned. */
export class ConnectorGaveUpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly attempts: number,
  ) {
    super(`the Bot Connector still answered ${statusCode} after ${attempts} attempts; gave up`);
    this.name = 'ConnectorGaveUpError';
  }
}

/**
 * The connector took no answer within this for one call. Its socket is closed and the call is not
 * retried: a connector that hangs would only hang again, and each retry would hold another socket.
 */
export class ConnectorTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the Bot Connector did not answer within ${timeoutMs} ms; gave up`);
    this.name = 'ConnectorTimeoutError';
  }
}

/** The headers a connector answer can carry to say when to come back. */
export interface RetryHints {
  /** Standard: delta-seconds or an HTTP date. */
  readonly retryAfter?: string;
  /** Azure's millisecond variants (`retry-after-ms`, `x-ms-retry-after-ms`). */
  readonly retryAfterMs?: string;
}

/** How long the server asked us to wait, in ms; undefined when it did not say, or said something unreadable. */
export function requestedWaitMs(hints: RetryHints, now: number): number | undefined {
  const ms = Number(hints.retryAfterMs);
  if (hints.retryAfterMs !== undefined && hints.retryAfterMs.trim() !== '' && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = hints.retryAfter?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryState {
  /** Calls made so far for this send. */
  readonly attempts: number;
  /** Time already spent waiting for this send. */
  readonly waitedMs: number;
}

/**
 * The wait before the next attempt, or undefined to give up: attempts used up, or the wait would
 * overrun the budget. A wait the server asked for is honoured in full (waiting less would only be
 * throttled again), with a little jitter so throttled threads do not all come back at once.
 */
export function nextWaitMs(state: RetryState, requestedMs: number | undefined, settings: RetrySettings, random: () => number = Math.random): number | undefined {
  if (state.attempts >= settings.maxAttempts) return undefined;
  const jitter = random();
  const wait =
    requestedMs !== undefined
      ? requestedMs + jitter * settings.baseDelayMs
      : jitter * settings.baseDelayMs * 2 ** (state.attempts - 1);
  return state.waitedMs + wait <= settings.waitBudgetMs ? Math.round(wait) : undefined;
}
