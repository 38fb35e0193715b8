import { FlowResult } from '../flowResult';
import { FlowState, runningFlow } from '../flowState';
import type { Finished } from '../recordEntry';

/**
 * What a turn finished, if anything: decided from the state before the turn and the turn's result.
 * A cancel counts only when it stopped an undo walk-through; report and adjust finish when their answer shows.
 */
export function finishedBy(before: FlowState | undefined, result: FlowResult): Finished | undefined {
  const { view } = result;
  const context = 'context' in view && view.context ? { context: view.context } : {};
  switch (view.card) {
    case 'reportAnswer':
      return { kind: 'report', item: view.item, verdict: view.verdict, ...context };
    case 'adjustAnswer':
      return { kind: 'adjust', scenario: view.scenario, ...context };
    case 'undoDone':
      return { kind: 'undo', ...(view.branch ? { branch: view.branch } : {}), ...context };
    case 'menu': {
      const running = runningFlow(before);
      if (view.kind !== 'cancelled' || running?.flow !== 'undo') return undefined;
      const offered = before?.offer?.choices.some((c) => c.flow === 'undo') ? { context: before.offer.context } : {};
      return { kind: 'undoCancelled', step: running.step, ...(running.branch ? { branch: running.branch } : {}), ...offered };
    }
    default:
      return undefined;
  }
}
