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
  { label: 'CPU per turn', figure: (s) => s.cpuMsPerTurn, bound: 'at most', limit: 1.3 },
  { label: 'startup', figure: (s) => s.startupMs, bound: 'under', limit: 1.5 },
  { label: 'idle RSS', figure: (s) => s.idleRssMb, bound: 'under', limit: 1.3 },
];

function ratioCheck(target: RatioTarget, bot: SubjectSummary, echo: SubjectSummary): TargetCheck {
  const ratio = target.figure(bot) / target.figure(echo);
  return {
    target: `${target.label} ${target.bound} ${target.limit}x the echo bot's`,
    measured: `${ratio.toFixed(2)}x`,
    pass: WITHIN[target.bound](ratio, target.limit),
  };
}

export function checkTargets(bot: SubjectSummary, echo: SubjectSummary, paused: PausedFigures, errorsInAllRuns: number): TargetCheck[] {
  const perConversation = paused.state.perConversationJsonBytes.max;
  return [
    ...RATIO_TARGETS.map((target) => ratioCheck(target, bot, echo)),
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
