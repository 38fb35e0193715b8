import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RunFigures } from './botRun';
import { ProfileSummary } from './cpuProfile';
import { MemoryGrowth, PausedFigures, PausedMemory } from './pausedConversations';
import { RenderTiming } from './renderTiming';
import { describeTrips } from './storageWire';
import { SubjectSummary } from './summary';
import { TargetCheck } from './targets';

/** Everything one benchmark run measured: printed as tables, kept as JSON. */
export interface BenchReport {
  readonly startedAt: string;
  readonly load: { readonly conversations: number; readonly turns: number; readonly rounds: number };
  readonly echo: SubjectSummary;
  /** This bot on each store measured (`--storage`), SQLite first. */
  readonly bots: readonly SubjectSummary[];
  /** This bot on the first store with its per-turn JSON logs on (LOG_LEVEL=info); the others run at warn, as the echo bot logs nothing. */
  readonly botWithLogs: SubjectSummary;
  readonly runs: readonly RunFigures[];
  readonly paused: PausedFigures;
  /** The echo bot over the same conversations and turns, to read this bot's memory figures against. */
  readonly pausedEcho: PausedMemory;
  readonly rendering: readonly RenderTiming[];
  readonly targets: readonly TargetCheck[];
  readonly profile?: { readonly file: string; readonly summary: ProfileSummary };
}

const FIGURES: readonly { readonly label: string; readonly of: (s: SubjectSummary) => number; readonly digits: number }[] = [
  { label: 'turns per second', of: (s) => s.turnsPerSecond, digits: 0 },
  { label: 'latency p50 (ms)', of: (s) => s.latencyMs.p50, digits: 1 },
  { label: 'latency p90 (ms)', of: (s) => s.latencyMs.p90, digits: 1 },
  { label: 'latency p99 (ms)', of: (s) => s.latencyMs.p99, digits: 1 },
  { label: 'first-turn p99, burst (ms)', of: (s) => s.firstTurnP99Ms, digits: 1 },
  { label: 'CPU per turn (ms)', of: (s) => s.cpuMsPerTurn, digits: 2 },
  { label: 'startup to first answer (ms)', of: (s) => s.startupMs, digits: 0 },
  { label: 'idle RSS (MB)', of: (s) => s.idleRssMb, digits: 1 },
  { label: 'peak RSS (MB)', of: (s) => s.peakRssMb, digits: 1 },
  { label: 'errors (all rounds)', of: (s) => s.errors, digits: 0 },
];

const row = (cells: readonly string[], widths: readonly number[]): string =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => cells[column].length)));
  return [row(header, widths), ...rows.map((cells) => row(cells, widths))].join('\n');
}

function comparisonTable(report: BenchReport): string {
  const { echo } = report;
  const compared = [...report.bots, report.botWithLogs];
  const ratio = (value: number, base: number): string => (value === 0 && base === 0 ? '-' : `${(value / base).toFixed(2)}x`);
  return table(
    [`median of ${report.load.rounds} rounds`, echo.subject, ...compared.flatMap((bot) => [bot.subject, 'ratio'])],
    FIGURES.map(({ label, of, digits }) => [
      label,
      of(echo).toFixed(digits),
      ...compared.flatMap((bot) => [of(bot).toFixed(digits), ratio(of(bot), of(echo))]),
    ]),
  );
}

/** Round trips counted at the wire, for each store measured behind it. */
function tripLines(bots: readonly SubjectSummary[]): string[] {
  return bots.flatMap(({ subject, storageTrips }) =>
    storageTrips
      ? [`${subject}, storage round trips at the wire: per click ${describeTrips(storageTrips.perTurn)}; per new message ${describeTrips(storageTrips.perNewMessage)}`]
      : [],
  );
}

function roundLines(runs: readonly RunFigures[]): string {
  return table(
    ['round', 'subject', 'turns/s', 'p99 ms', 'first-turn p99 ms', 'CPU ms/turn', 'startup ms', 'idle MB', 'errors'],
    runs.map((r) => [
      String(r.round),
      r.subject,
      r.turnsPerSecond.toFixed(0),
      r.latencyMs.p99.toFixed(1),
      r.firstTurnP99Ms.toFixed(1),
      r.cpuMsPerTurn.toFixed(2),
      r.startupMs.toFixed(0),
      r.idleRssMb.toFixed(1),
      String(r.errors),
    ]),
  );
}

const describeGrowth = (memory: MemoryGrowth): string =>
  `${memory.beforeMb.toFixed(1)} MB before, ${memory.afterMb.toFixed(1)} MB after (${memory.growthMb >= 0 ? '+' : ''}${memory.growthMb.toFixed(1)} MB)`;

const memoryLine = (paused: PausedMemory): string =>
  `${paused.subject}: RSS ${describeGrowth(paused.rss)}; right after a full GC ${describeGrowth(paused.retainedRss)}`;

function pausedLines(paused: PausedFigures, echo: PausedMemory): string {
  const { state } = paused;
  return [
    `${paused.conversations} walks left at step 1 in ${paused.seconds.toFixed(1)} s, ${paused.errors} errors; ` +
      `the echo bot took the same ${paused.conversations} conversations of two turns in ${echo.seconds.toFixed(1)} s, ${echo.errors} errors`,
    memoryLine(paused),
    memoryLine(echo),
    `SQLite: ${state.rows} rows for ${state.conversations} conversations, ${(state.fileBytes / 1024 / 1024).toFixed(1)} MB on disk ` +
      `(${Math.round(state.fileBytes / state.conversations)} bytes per conversation); ` +
      `JSON per conversation: mean ${Math.round(state.perConversationJsonBytes.mean)} bytes, largest ${state.perConversationJsonBytes.max} bytes`,
  ].join('\n');
}

function profileLines(profile: NonNullable<BenchReport['profile']>): string {
  const spots = (title: string, list: ProfileSummary['functions']) =>
    table([title, 'self ms', '%'], list.map((s) => [s.name, s.selfMs.toFixed(0), s.percent.toFixed(1)]));
  return [
    `CPU profile of this bot (unbundled) under the load: ${profile.file}\n` +
      `${profile.summary.moduleLoadingMs.toFixed(0)} ms loading modules, ${profile.summary.busyMs.toFixed(0)} ms busy otherwise (shares below are of that)`,
    spots('by package', profile.summary.packages),
    spots('by function', profile.summary.functions),
  ].join('\n\n');
}

export function printReport(report: BenchReport): void {
  const sections = [
    `Load: ${report.load.conversations} concurrent conversations x ${report.load.turns} turns, ${report.load.rounds} rounds alternating the two bots`,
    comparisonTable(report),
    ...tripLines(report.bots),
    roundLines(report.runs),
    pausedLines(report.paused, report.pausedEcho),
    table(['card rendering', 'mean us', 'p99 us'], report.rendering.map((r) => [r.card, r.meanUs.toFixed(0), r.p99Us.toFixed(0)])),
    ...(report.profile ? [profileLines(report.profile)] : []),
    table(['target', 'measured', ''], report.targets.map((t) => [t.target, t.measured, t.pass ? 'PASS' : 'FAIL'])),
  ];
  const errors = [...report.runs, report.paused, report.pausedEcho].flatMap((r) => r.errorSamples);
  if (errors.length > 0) sections.push(`first errors:\n${errors.slice(0, 10).join('\n')}`);
  console.log(sections.join('\n\n'));
}

/** Writes the report under bench/results/ (JSON there is not committed); returns the file. */
export function saveReport(report: BenchReport, resultsDir: string): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
