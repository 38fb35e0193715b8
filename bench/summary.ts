import { RunFigures } from './botRun';
import { Latencies, median } from './stats';
import { RoundTrips } from './storageWire';

/** One subject over all its rounds: the median of each figure, and every error counted. */
export interface SubjectSummary {
  readonly subject: string;
  readonly rounds: number;
  readonly turnsPerSecond: number;
  readonly latencyMs: Latencies;
  readonly firstTurnP99Ms: number;
  readonly cpuMsPerTurn: number;
  /** Counted at the storage wire (Blob only), over all rounds. */
  readonly storageTrips?: { readonly perTurn: RoundTrips; readonly perNewMessage: RoundTrips };
  readonly startupMs: number;
  readonly idleRssMb: number;
  readonly peakRssMb: number;
  readonly errors: number;
}

/** The mean of counted round trips: each round counts the same work, so they barely differ. */
function meanTrips(all: readonly RoundTrips[]): RoundTrips {
  const of = (kind: keyof RoundTrips) => all.reduce((sum, trips) => sum + trips[kind], 0) / all.length;
  return { reads: of('reads'), writes: of('writes'), creates: of('creates'), other: of('other') };
}

export function summarise(runs: readonly RunFigures[]): SubjectSummary {
  const middle = (figure: (run: RunFigures) => number) => median(runs.map(figure));
  const counted = runs.flatMap((r) => (r.storageTrips ? [r.storageTrips] : []));
  return {
    subject: runs[0].subject,
    rounds: runs.length,
    turnsPerSecond: middle((r) => r.turnsPerSecond),
    latencyMs: { p50: middle((r) => r.latencyMs.p50), p90: middle((r) => r.latencyMs.p90), p99: middle((r) => r.latencyMs.p99) },
    firstTurnP99Ms: middle((r) => r.firstTurnP99Ms),
    cpuMsPerTurn: middle((r) => r.cpuMsPerTurn),
    ...(counted.length > 0
      ? { storageTrips: { perTurn: meanTrips(counted.map((c) => c.perTurn)), perNewMessage: meanTrips(counted.map((c) => c.perNewMessage)) } }
      : {}),
    startupMs: middle((r) => r.startupMs),
    idleRssMb: middle((r) => r.idleRssMb),
    peakRssMb: middle((r) => r.peakRssMb),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}
