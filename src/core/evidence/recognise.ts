import { safeChoices } from '../safety';
import { findCues } from './phrasing/cues';
import { decide } from './decide';
import { extractEvidence } from './extraction/extract';
import { MAX_EVIDENCE, MAX_INPUT_CHARS, MAX_REASONS } from './limits';
import { collectSignals, type SignalKey, type Signals } from './phrasing/signals';
import { subjectLineCue } from './recognisers/subject';
import type { Proposal, Recognition } from './types';

const NOTHING: Omit<Recognition, 'evidence' | 'references'> = { proposal: null, confidence: 'unsure', alternatives: [], reasons: [] };

/**
 * Reads what an analyst pasted or typed and suggests the undo walk-through or a row of the
 * article's tables, with the evidence found and the reasons why. Every choice passes the safety
 * rule: no allow unless the analyst said false positive. Pure and deterministic; linear in the
 * length of the text.
 */
export function recogniseEvidence(text: string): Recognition {
  const input = text.slice(0, MAX_INPUT_CHARS);
  const { findings, references, prose } = extractEvidence(input);
  const evidence = findings.slice(0, MAX_EVIDENCE).map(({ kind, display }) => ({ kind, display }));
  const cues = findCues(prose);
  const subject = subjectLineCue(input, cues.some((hit) => hit.cue === 'alert'));
  const signals = collectSignals(findings, subject ? [...cues, subject] : cues, references);
  const reading = decide(signals);
  if (reading === null) return { evidence, references, ...NOTHING };

  const safe = safeChoices(reading.choices, signals.verdict, reading.item);
  const choices = reportsFirst(safe, signals);
  const [proposal, ...alternatives] = choices;
  if (proposal === undefined) return { evidence, references, ...NOTHING };
  // The verdict is explained too when the proposal carries one.
  const reasons = [...reading.used, ...verdictCue(proposal, signals)].flatMap((key) => signals.reason(key) ?? []);
  return {
    evidence,
    references,
    proposal,
    confidence: reading.sure && !signals.verdictConflict && proposal === safe[0] ? 'sure' : 'unsure',
    alternatives,
    reasons: [...new Set(reasons)].slice(0, MAX_REASONS),
  };
}

/** "report", "submit", "tell Microsoft": the reports go first, unless undo or tuning was asked for. */
function reportsFirst(choices: readonly Proposal[], signals: Signals): readonly Proposal[] {
  if (!signals.has('report') || signals.has('undo') || signals.has('tune')) return choices;
  return [...choices.filter((c) => c.flow === 'report'), ...choices.filter((c) => c.flow !== 'report')];
}

function verdictCue(proposal: Proposal, signals: Signals): SignalKey[] {
  if (proposal.flow !== 'report' || proposal.verdict === undefined) return [];
  if (proposal.verdict === 'missed') return ['missed'];
  return [signals.has('wrongly') ? 'wrongly' : 'allow'];
}
