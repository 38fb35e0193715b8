import { BRANCH_IDS, BranchId, ITEM_IDS, ItemId, SCENARIO_IDS, UNDO_STEP_COUNT, VERDICT_IDS } from './content';
import { EVIDENCE_KINDS, EvidenceKind, MessageContext, Proposal, REFERENCE_KINDS, ReferenceKind } from './evidence';
import { MAX_DISPLAY_CHARS, MAX_REFERENCES } from './evidence/limits';
import type { ActState } from './actions/turn/actState';

/**
 * What one analyst has running in one conversation. Report and adjust only remember that a
 * question is open; the undo walk-through remembers its position (0 is the permissions card,
 * 1..7 the article's steps) and the step-4 choice.
 */
export type RunningFlow =
  | { flow: 'report'; item?: ItemId }
  | { flow: 'adjust' }
  | { flow: 'undo'; walk: string; step: number; branch?: BranchId };

/**
 * The proposal the bot last made from the analyst's message: its choices, and what the message
 * was about. Kept server-side so the answer a choice leads to can show that context again; a
 * click's data never supplies it.
 */
export interface Offer {
  readonly choices: readonly Proposal[];
  readonly context: MessageContext;
}

/** `idle`: nothing running, only an offer (or direct-action state: see actions/) kept. */
export type FlowState = (RunningFlow | { flow: 'idle' }) & { offer?: Offer; act?: ActState };

/** Evidence kept with an offer: enough to recognise the message, small enough to keep per analyst. */
export const MAX_OFFER_EVIDENCE = 5;

export const isMember = <T extends string>(allowed: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const REFERENCE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The state with this offer, or with none; undefined when nothing is left to keep. */
export function withOffer(state: FlowState | undefined, offer: Offer | undefined): FlowState | undefined {
  const running = runningFlow(state);
  if (offer === undefined) return running;
  return { ...(running ?? { flow: 'idle' }), offer };
}

/** What is running, without any offer. */
export function runningFlow(state: FlowState | undefined): RunningFlow | undefined {
  if (state === undefined || state.flow === 'idle') return undefined;
  const { offer: _offer, act: _act, ...running } = state;
  return running;
}

/**
 * Reads state that came back from storage. State written by an older version of the bot that no
 * longer fits yields `invalid`, so the caller can start fresh and say so instead of failing. An
 * offer that does not fit is dropped: it only ever adds context to an answer.
 */
export function parseFlowState(stored: unknown): { ok: true; state: FlowState | undefined } | { ok: false } {
  if (stored === undefined || stored === null) return { ok: true, state: undefined };
  if (!isRecord(stored)) return { ok: false };
  const running = stored.flow === 'idle' ? null : parseRunning(stored);
  if (running === undefined) return { ok: false };
  const offer = parseOffer(stored.offer);
  return { ok: true, state: running === null ? (offer ? { flow: 'idle', offer } : undefined) : withOffer(running, offer) };
}

/** The running flow; null for `idle`, undefined when it does not fit. */
function parseRunning(s: Record<string, unknown>): RunningFlow | undefined {
  switch (s.flow) {
    case 'report':
      if (s.item === undefined) return { flow: 'report' };
      return isMember(ITEM_IDS, s.item) ? { flow: 'report', item: s.item } : undefined;
    case 'adjust':
      return { flow: 'adjust' };
    case 'undo': {
      const stepFits = typeof s.step === 'number' && Number.isInteger(s.step) && s.step >= 0 && s.step <= UNDO_STEP_COUNT;
      const branchFits = s.branch === undefined || isMember(BRANCH_IDS, s.branch);
      if (typeof s.walk !== 'string' || !stepFits || !branchFits) return undefined;
      const state: RunningFlow = { flow: 'undo', walk: s.walk, step: s.step as number };
      return isMember(BRANCH_IDS, s.branch) ? { ...state, branch: s.branch } : state;
    }
    default:
      return undefined;
  }
}

function parseOffer(stored: unknown): Offer | undefined {
  if (!isRecord(stored) || !Array.isArray(stored.choices)) return undefined;
  const context = parseMessageContext(stored.context);
  const choices = stored.choices.map(parseProposal);
  if (!context || choices.some((c) => c === undefined)) return undefined;
  return { choices: choices as Proposal[], context };
}

/** Reads a message's context back from storage: checked field by field, undefined when anything does not fit. */
export function parseMessageContext(stored: unknown): MessageContext | undefined {
  if (!isRecord(stored)) return undefined;
  const { evidence, references } = stored;
  const evidenceFits =
    Array.isArray(evidence) &&
    evidence.length <= MAX_OFFER_EVIDENCE &&
    evidence.every((e) => isRecord(e) && isMember(EVIDENCE_KINDS, e.kind) && typeof e.display === 'string' && e.display.length <= MAX_DISPLAY_CHARS);
  const referencesFit =
    Array.isArray(references) &&
    references.length <= MAX_REFERENCES &&
    references.every((r) => isRecord(r) && isMember(REFERENCE_KINDS, r.kind) && typeof r.id === 'string' && REFERENCE_ID.test(r.id));
  if (!evidenceFits || !referencesFit) return undefined;
  // Rebuilt field by field, so nothing but the checked fields is ever kept or shown.
  return {
    evidence: (evidence as Record<string, unknown>[]).map((e) => ({ kind: e.kind as EvidenceKind, display: e.display as string })),
    references: (references as Record<string, unknown>[]).map((r) => ({ kind: r.kind as ReferenceKind, id: r.id as string })),
  };
}

function parseProposal(stored: unknown): Proposal | undefined {
  if (!isRecord(stored)) return undefined;
  if (stored.flow === 'undo') return { flow: 'undo' };
  if (stored.flow === 'adjust') return isMember(SCENARIO_IDS, stored.scenario) ? { flow: 'adjust', scenario: stored.scenario } : undefined;
  if (stored.flow !== 'report' || !isMember(ITEM_IDS, stored.item)) return undefined;
  if (stored.verdict === undefined) return { flow: 'report', item: stored.item };
  return isMember(VERDICT_IDS, stored.verdict) ? { flow: 'report', item: stored.item, verdict: stored.verdict } : undefined;
}
