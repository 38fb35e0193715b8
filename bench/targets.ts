import { PausedFigures } from './pausedConversations';
import { SubjectSummary } from './summary';

/** The targets: this bot against the echo bot in the same run, and its cost at scale. */

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

const MB_GROWTH_LIMIT = 50;
const CONVERSATION_BYTES_LIMIT = 2048;

type Figure = (summary: SubjectSummary) => number;
type Bound = 'at least' | 'at most' | 'under';

const WITHIN: Readonly<Record<Bound, (ratio: number, limit: number) => boolean>> = {
  'at least': (ratio, limit) => ratio >= limit,
  'at most': (ratio, limit) => ratio <= limit,
  under: (ratio, limit) => ratio < limit,
};

interface RatioTarget {
  readonly label: string;
  readonly figure: Figure;
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

/** Targets for one of this bot's stores; `prefix` names the store when a run measures more than one. */
function checkBotTargets(bot: SubjectSummary, echo: SubjectSummary, prefix = ''): TargetCheck[] {
  return [...RATIO_TARGETS.map((target) => ratioCheck(target, bot, echo, prefix)), ...roundTripChecks(bot, prefix)];
}

export function checkTargets(bots: readonly SubjectSummary[], echo: SubjectSummary, paused: PausedFigures, errorsInAllRuns: number): TargetCheck[] {
  const perConversation = paused.state.perConversationJsonBytes.max;
  return [
    ...bots.flatMap((bot) => checkBotTargets(bot, echo, bots.length > 1 ? `${bot.subject}: ` : '')),
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
