import { nextWaitMs, requestedWaitMs, RetrySettings } from '../../ops/retryPolicy';

/** Direct actions: a few tries within ten seconds; the analyst is waiting on the result card. */
const ACTION_RETRY: RetrySettings = { maxAttempts: 3, baseDelayMs: 500, waitBudgetMs: 10_000 };
/** One call gets this long for its answer; a service that hangs is then tried again, within the budget. */
const ACTION_TIMEOUT_MS = 10_000;

/** Answers worth trying again: throttled, or the service failed in a way that may pass. */
const RETRYABLE: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** The service never answered (network failure or timeout), however often it was tried. */
export class ServiceUnreachableError extends Error {
  constructor(readonly attempts: number) {
    super(`no answer after ${attempts} attempts`);
    this.name = 'ServiceUnreachableError';
  }
}

export interface PolicyOptions {
  readonly settings?: RetrySettings;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` with a fresh timeout signal, again after 429 or 5xx (honouring Retry-After) and
 * after no answer, with the connector's backoff policy. Resolves with the last response, whatever
 * its status; throws ServiceUnreachableError when no attempt got an answer at all.
 */
export async function fetchWithPolicy(attempt: (signal: AbortSignal) => Promise<Response>, options: PolicyOptions = {}): Promise<Response> {
  const { settings = ACTION_RETRY, timeoutMs = ACTION_TIMEOUT_MS, sleep = wait, random = Math.random } = options;
  let waitedMs = 0;
  for (let attempts = 1; ; attempts++) {
    let response: Response | undefined;
    try {
      response = await attempt(AbortSignal.timeout(timeoutMs));
    } catch {
      response = undefined;
    }
    if (response && !RETRYABLE.has(response.status)) return response;
    const hints = response ? { retryAfter: response.headers.get('retry-after') ?? undefined } : {};
    const next = nextWaitMs({ attempts, waitedMs }, requestedWaitMs(hints, Date.now()), settings, random);
    if (next === undefined) {
      if (response) return response;
      throw new ServiceUnreachableError(attempts);
    }
    // The body of an answer we will not use is dropped, so its socket is freed.
    await response?.body?.cancel().catch(() => undefined);
    await sleep(next);
    waitedMs += next;
  }
}
