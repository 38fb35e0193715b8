import { recogniseEvidence, type Proposal } from '../../../src/core/evidence';
import type { Phrasing } from './phrasing';

/** How the recogniser does on a part of the phrasing table. */
export interface Quality {
  readonly cases: number;
  readonly precision: number;
  readonly recall: number;
  /** The rows it got wrong, to read when a figure drops. */
  readonly misses: readonly string[];
}

/** Right: the same flow and row, and the same verdict (none where the verdict must be asked). */
export function sameProposal(actual: Proposal, expected: Proposal): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected);
}

export const label = (p: Proposal | null): string => {
  if (p === null) return 'none';
  if (p.flow === 'report') return `report ${p.item} (${p.verdict ?? 'verdict to ask'})`;
  return p.flow === 'adjust' ? `adjust ${p.scenario}` : 'undo';
};

/** Precision: right proposals among all proposals made. Recall: right proposals among the rows that expect one. */
export function qualityOf(phrasings: readonly Phrasing[]): Quality {
  let proposals = 0;
  let positives = 0;
  let right = 0;
  const misses: string[] = [];
  for (const { text, expected } of phrasings) {
    const actual = recogniseEvidence(text).proposal;
    if (expected !== null) positives++;
    if (actual !== null) proposals++;
    if (actual !== null && expected !== null && sameProposal(actual, expected)) right++;
    else if (actual !== null || expected !== null) misses.push(`"${text}": expected ${label(expected)}, got ${label(actual)}`);
  }
  return { cases: phrasings.length, precision: proposals === 0 ? 0 : right / proposals, recall: positives === 0 ? 0 : right / positives, misses };
}
