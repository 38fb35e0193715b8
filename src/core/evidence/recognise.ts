import { findCues } from './cues';
import { decide } from './decide';
import { extractEvidence } from './extract';
import { MAX_EVIDENCE, MAX_INPUT_CHARS, MAX_REASONS } from './limits';
import { collectSignals, type SignalKey } from './signals';
import type { Recognition } from './types';

const NOTHING: Omit<Recognition, 'evidence'> = { proposal: null, confidence: 'unsure', alternatives: [], reasons: [] };

/**
 * Reads what an analyst pasted or typed and suggests a row of the article's tables, with the
 * evidence found and the reasons why. Pure and deterministic; linear in the length of the text.
 */
export function recogniseEvidence(text: string): Recognition {
  const { findings, prose } = extractEvidence(text.slice(0, MAX_INPUT_CHARS));
  const evidence = findings.slice(0, MAX_EVIDENCE).map(({ kind, display }) => ({ kind, display }));
  const signals = collectSignals(findings, findCues(prose));
  const decision = decide(signals);
  const [proposal, ...alternatives] = decision?.choices ?? [];
  if (decision === null || proposal === undefined) return { evidence, ...NOTHING };

  // The verdict is explained too when the proposal carries one.
  const verdictCue: SignalKey[] =
    proposal.flow !== 'report' || proposal.verdict === undefined ? [] : [proposal.verdict === 'missed' ? 'missed' : 'wrongly'];
  const reasons = [...decision.used, ...verdictCue].flatMap((key) => signals.reason(key) ?? []);
  return {
    evidence,
    proposal,
    confidence: decision.sure && !signals.verdictConflict ? 'sure' : 'unsure',
    alternatives,
    reasons: [...new Set(reasons)].slice(0, MAX_REASONS),
  };
}
