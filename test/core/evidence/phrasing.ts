/** The shape of the phrasing tables, and the shorthands their rows are written in. Data only. */
import type { ItemId, ScenarioId, VerdictId } from '../../../src/core/content';
import type { Proposal } from '../../../src/core/evidence';

export interface Phrasing {
  readonly text: string;
  /** The path the message should lead to; null: no proposal (the bot answers with help or a short line). */
  readonly expected: Proposal | null;
}

export const FN: VerdictId = 'missed';
export const FP: VerdictId = 'wrongly-detected';
export const UNDO: Proposal = { flow: 'undo' };

export const report = (item: ItemId, verdict?: VerdictId): Proposal =>
  verdict === undefined ? { flow: 'report', item } : { flow: 'report', item, verdict };
export const adjust = (scenario: ScenarioId): Proposal => ({ flow: 'adjust', scenario });
