import { nextWaitMs, requestedWaitMs, RetrySettings } from '../../../src/ops/retryPolicy';

/** The retry timing rules on their own: what the server asked for, backoff with jitter, and the bounds. */

const SETTINGS: RetrySettings = { maxAttempts: 4, baseDelayMs: 100, waitBudgetMs: 1_000 };
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('how long the server asked to wait', () => {
  it.each([
    [{ retryAfter: '3' }, 3_000],
    [{ retryAfter: ' 0 ' }, 0],
    [{ retryAfter: 'Thu, 01 Jan 2026 00:00:05 GMT' }, 5_000],
    [{ retryAfter: 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
    [{ retryAfter: '3', retryAfterMs: '250' }, 250],
    [{ retryAfter: '2', retryAfterMs: '-5' }, 2_000],
    [{ retryAfter: 'soon' }, undefined],
    [{ retryAfter: '' }, undefined],
    [{}, undefined],
  ])('%j: %s ms', (hints, expected) => {
    expect(requestedWaitMs(hints, NOW)).toBe(expected);
  });
});

describe('the next wait', () => {
  it('honours what the server asked, plus at most one base step of jitter', () => {
    expect(nextWaitMs({ attempts: 1, waitedMs: 0 }, 300, SETTINGS, () => 0)).toBe(300);
    expect(nextWaitMs({ attempts: 1, waitedMs: 0 }, 300, SETTINGS, () => 0.999)).toBe(400);
  });

  it('backs off by doubling, each wait a random part of its step', () => {
    const longest = [1, 2, 3].map((attempts) => nextWaitMs({ attempts, waitedMs: 0 }, undefined, SETTINGS, () => 1));
    expect(longest).toEqual([100, 200, 400]);
    expect(nextWaitMs({ attempts: 3, waitedMs: 0 }, undefined, SETTINGS, () => 0)).toBe(0);
  });

  it('gives up once the attempts are used up', () => {
    expect(nextWaitMs({ attempts: 4, waitedMs: 0 }, 0, SETTINGS, () => 0)).toBeUndefined();
  });

  it('gives up rather than overrun the wait budget', () => {
    expect(nextWaitMs({ attempts: 1, waitedMs: 0 }, 1_001, SETTINGS, () => 0)).toBeUndefined();
    expect(nextWaitMs({ attempts: 2, waitedMs: 900 }, 150, SETTINGS, () => 0)).toBeUndefined();
    expect(nextWaitMs({ attempts: 2, waitedMs: 900 }, 100, SETTINGS, () => 0)).toBe(100);
  });
});
