import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Latencies, median, ProfileSummary } from './instruments';
import { MemoryGrowth, PausedFigures, PausedMemory, RenderTiming, RunFigures } from './measurements';
import { RoundTrips } from './storageWire';

/**
 * From the runs to the verdict: each subject's rounds summarised, the targets judged, and the whole
 * printed as tables and kept as JSON.
 */

/** One subject over all its rounds: the median of each figure, and every error counted. */
interface SubjectSummary {
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

/** The targets: this bot against the echo bot in the same run, and its cost at scale. */
interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

const MB_GROWTH_LIMIT = 50;
const CONVERSATION_BYTES_LIMIT = 2048;

type Bound = 'at least' | 'at most' | 'under';

const WITHIN: Readonly<Record<Bound, (ratio: number, limit: number) => boolean>> = {
  'at least': (ratio, limit) => ratio >= limit,
  'at most': (ratio, limit) => ratio <= limit,
  under: (ratio, limit) => ratio < limit,
};

interface RatioTarget {
  readonly label: string;
  readonly figure: (summary: SubjectSummary) => number;
  readonly bound: Bound;
  readonly limit: number;
}

const RATIO_TARGETS: readonly RatioTarget[] = [
  { label: 'throughput', figure: (s) => s.turnsPerSecond, bound: 'at least', limit: 0.9 },
  { label: 'p99 latency', figure: (s) => s.latencyMs.p99, bound: 'at most', limit: 1.3 },
  { label: 'first-turn p99 of a burst of new conversations', figure: (s) => s.firstTurnP99Ms, bound: 'at most', limit: 1.0 },
  { label: 'CPU per turn', figure: (s) => s.cpuMsPerTurn, bound: 'at most', limit: 1.3 },
  { label: 'startup', figure: (s) => s.startupMs, bound: 'under', limit: 1.5 },
  { label: 'idle RSS', figure: (s) => s.idleRssMb, bound: 'under', limit: 1.3 },
];

function ratioCheck(target: RatioTarget, bot: SubjectSummary, echo: SubjectSummary, prefix: string): TargetCheck {
  const ratio = target.figure(bot) / target.figure(echo);
  return {
    target: `${prefix}${target.label} ${target.bound} ${target.limit}x the echo bot's`,
    measured: `${ratio.toFixed(2)}x`,
    pass: WITHIN[target.bound](ratio, target.limit),
  };
}

/** The budget of Blob round trips: a click reads and writes once, a new message also creates once. */
function roundTripChecks(bot: SubjectSummary, prefix: string): TargetCheck[] {
  const trips = bot.storageTrips;
  if (!trips) return [];
  const { perTurn: click, perNewMessage: message } = trips;
  return [
    {
      target: `${prefix}storage round trips per click at most 1 read and 1 write`,
      measured: `${click.reads.toFixed(2)} R, ${(click.writes + click.creates).toFixed(2)} W, ${click.other.toFixed(2)} other`,
      pass: click.reads <= 1 && click.writes + click.creates <= 1 && click.other === 0,
    },
    {
      target: `${prefix}storage round trips per new message at most 1 read, 1 write, 1 create`,
      measured: `${message.reads.toFixed(2)} R, ${message.writes.toFixed(2)} W, ${message.creates.toFixed(2)} C`,
      pass: message.reads <= 1 && message.writes <= 1 && message.creates <= 1 && message.other === 0,
    },
  ];
}

export function checkTargets(bots: readonly SubjectSummary[], echo: SubjectSummary, paused: PausedFigures, errorsInAllRuns: number): TargetCheck[] {
  const perConversation = paused.state.perConversationJsonBytes.max;
  return [
    ...bots.flatMap((bot) => {
      // Each of this bot's stores has its own targets, named by store when a run measures more than one.
      const prefix = bots.length > 1 ? `${bot.subject}: ` : '';
      return [...RATIO_TARGETS.map((target) => ratioCheck(target, bot, echo, prefix)), ...roundTripChecks(bot, prefix)];
    }),
    {
      target: `RSS kept after ${paused.conversations} paused conversations (after a full GC) grows < ${MB_GROWTH_LIMIT} MB`,
      measured: `${paused.retainedRss.growthMb.toFixed(1)} MB`,
      pass: paused.retainedRss.growthMb < MB_GROWTH_LIMIT,
    },
    {
      target: `state per conversation < ${CONVERSATION_BYTES_LIMIT} bytes (largest)`,
      measured: `${perConversation} bytes`,
      pass: perConversation < CONVERSATION_BYTES_LIMIT && paused.state.conversations >= paused.conversations,
    },
    { target: 'zero errors in every run', measured: `${errorsInAllRuns} errors`, pass: errorsInAllRuns === 0 },
  ];
}

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

const describeTrips = (trips: RoundTrips): string =>
  `${trips.reads.toFixed(2)} reads, ${trips.writes.toFixed(2)} writes, ${trips.creates.toFixed(2)} creates, ${trips.other.toFixed(2)} other`;

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
