import { BRANCH_IDS, BranchId, ITEM_IDS, ItemId, UNDO_STEP_COUNT } from './content';

/**
 * What one analyst has running in one conversation. Report and adjust only remember that a
 * question is open; the undo walk-through remembers its position (0 is the permissions card,
 * 1..7 the article's steps) and the step-4 choice.
 */
export type FlowState =
  | { flow: 'report'; item?: ItemId }
  | { flow: 'adjust' }
  | { flow: 'undo'; walk: string; step: number; branch?: BranchId };

const isMember = <T extends string>(allowed: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);

/**
 * Reads state that came back from storage. State written by an older version of the bot that no
 * longer fits yields `invalid`, so the caller can start fresh and say so instead of failing.
 */
export function parseFlowState(stored: unknown): { ok: true; state: FlowState | undefined } | { ok: false } {
  if (stored === undefined || stored === null) return { ok: true, state: undefined };
  if (typeof stored !== 'object') return { ok: false };
  const s = stored as Record<string, unknown>;
  switch (s.flow) {
    case 'report':
      if (s.item === undefined) return { ok: true, state: { flow: 'report' } };
      return isMember(ITEM_IDS, s.item) ? { ok: true, state: { flow: 'report', item: s.item } } : { ok: false };
    case 'adjust':
      return { ok: true, state: { flow: 'adjust' } };
    case 'undo': {
      const stepFits = typeof s.step === 'number' && Number.isInteger(s.step) && s.step >= 0 && s.step <= UNDO_STEP_COUNT;
      const branchFits = s.branch === undefined || isMember(BRANCH_IDS, s.branch);
      if (typeof s.walk !== 'string' || !stepFits || !branchFits) return { ok: false };
      const state: FlowState = { flow: 'undo', walk: s.walk, step: s.step as number };
      return { ok: true, state: isMember(BRANCH_IDS, s.branch) ? { ...state, branch: s.branch } : state };
    }
    default:
      return { ok: false };
  }
}
