import { AsyncLocalStorage } from 'node:async_hooks';

/** What is known about the turn being handled, wherever in the call chain the code runs. */
export interface TurnScope {
  readonly correlationId: string;
  /** Set by the adapter's turn-error handler; the request's summary line reports it. */
  failed: boolean;
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
