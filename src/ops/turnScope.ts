import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a turn asked for, in words safe to log: only values the bot itself defines (activity types,
 * commands, verbs), never what the analyst typed.
 */
export interface TurnSummary {
  readonly activityType: string;
  readonly invokeName?: string;
  readonly command?: string;
  readonly verb?: string;
}

/** What is known about the turn being handled, wherever in the call chain the code runs. */
export interface TurnScope {
  readonly correlationId: string;
  /** Set by the adapter's turn-error handler; the request's summary line reports it. */
  failed: boolean;
  /** Set by the bot layer once the request is authenticated; the request's summary line reports it. */
  summary?: TurnSummary;
  /** Set by the HTTP edge once the channel has the turn's answer. */
  replied?: boolean;
  /** Work the turn left to start once the channel has its answer. */
  afterReply?: (() => void)[];
}

const scope = new AsyncLocalStorage<TurnScope>();

export function runInTurnScope<T>(turn: TurnScope, work: () => Promise<T>): Promise<T> {
  return scope.run(turn, work);
}

export function currentTurn(): TurnScope | undefined {
  return scope.getStore();
}

export function markTurnFailed(): void {
  const turn = scope.getStore();
  if (turn) turn.failed = true;
}

export function noteTurnSummary(summary: TurnSummary): void {
  const turn = scope.getStore();
  if (turn) turn.summary = summary;
}

/**
 * Starts `work` once the channel has this turn's answer (at once outside a turn, or when it already
 * has it): a card update sent before an invoke's own answer would be hidden behind that answer.
 */
export function whenReplied(work: () => void): void {
  const turn = scope.getStore();
  if (!turn || turn.replied) work();
  else (turn.afterReply ??= []).push(work);
}

/** The HTTP edge wrote the turn's answer: what was waiting for it starts now. */
export function noteReplied(turn: TurnScope): void {
  turn.replied = true;
  for (const work of turn.afterReply?.splice(0) ?? []) work();
}
