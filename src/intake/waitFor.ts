import { requestedWaitMs } from '../ops/retryPolicy';

/** How long a Retry-After header asks to wait, in ms (seconds or an HTTP date, read as for the connector), within bounds. */
export function retryAfterMs(header: string | null, fallbackMs: number, maxMs = 120_000): number {
  const requested = requestedWaitMs({ retryAfter: header ?? undefined }, Date.now());
  return requested === undefined ? fallbackMs : Math.min(requested, maxMs);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Number.isFinite(ms) ? Math.max(0, ms) : 0);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
