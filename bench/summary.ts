import { RunFigures } from './botRun';
import { Latencies, median } from './stats';

/** One subject over all its rounds: the median of each figure, and every error counted. */
export interface SubjectSummary {
  readonly subject: string;
  readonly rounds: number;
  readonly turnsPerSecond: number;
  readonly latencyMs: Latencies;
  readonly cpuMsPerTurn: number;
  readonly startupMs: number;
  readonly idleRssMb: number;
  readonly peakRssMb: number;
  readonly errors: number;
}

export function summarise(runs: readonly RunFigures[]): SubjectSummary {
  const middle = (figure: (run: RunFigures) => number) => median(runs.map(figure));
  return {
    subject: runs[0].subject,
    rounds: runs.length,
    turnsPerSecond: middle((r) => r.turnsPerSecond),
    latencyMs: { p50: middle((r) => r.latencyMs.p50), p90: middle((r) => r.latencyMs.p90), p99: middle((r) => r.latencyMs.p99) },
    cpuMsPerTurn: middle((r) => r.cpuMsPerTurn),
    startupMs: middle((r) => r.startupMs),
    idleRssMb: middle((r) => r.idleRssMb),
    peakRssMb: middle((r) => r.peakRssMb),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}
