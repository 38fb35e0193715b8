/** Small statistics over measured samples. */

/** The value below which `fraction` of the samples lie (nearest-rank), or NaN for no samples. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

export const mean = (samples: readonly number[]): number =>
  samples.length === 0 ? Number.NaN : samples.reduce((sum, value) => sum + value, 0) / samples.length;

export interface Latencies {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export const latenciesOf = (samples: readonly number[]): Latencies => ({
  p50: percentile(samples, 0.5),
  p90: percentile(samples, 0.9),
  p99: percentile(samples, 0.99),
});
