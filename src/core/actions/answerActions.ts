import type { Evidence, MessageContext, Proposal } from '../evidence';
import { allowPermitted, Judgement } from '../safety';
import { ActionKind, DirectAction, ThreatCategory } from './model';

/**
 * The answer an analyst was last shown from the bot's proposal, kept server-side: the row, what the
 * message named, and the analyst's judgement as the offer carried it. An action is built from this,
 * never from a click's data, which names only the kind of action and a category.
 */
export interface Answered {
  readonly proposal: Extract<Proposal, { flow: 'report' | 'adjust' }>;
  readonly context: MessageContext;
  readonly judgement: Judgement;
}

const INDICATOR_KINDS: ReadonlySet<Evidence['kind']> = new Set(['sha256', 'sha1', 'md5', 'ipv4', 'ipv6', 'domain', 'url']);

const urlOf = (answered: Answered) => answered.context.evidence.find((e) => e.kind === 'url');
const alertOf = (answered: Answered) => answered.context.references.find((r) => r.kind === 'alert');
const indicatorEvidenceOf = (answered: Answered) => answered.context.evidence.find((e) => INDICATOR_KINDS.has(e.kind));

/** A report answer says its verdict; every adjust row is about an alert that should not have fired. */
const verdictOf = (answered: Answered) => (answered.proposal.flow === 'report' ? answered.proposal.verdict : 'wrongly-detected');

/**
 * The actions an answer offers. Email messages are not offered yet: the API needs the recipient and
 * the message's Graph URL, which no card asks for. Files on devices have no submission API.
 */
export function offeredActions(answered: Answered): ActionKind[] {
  const { proposal } = answered;
  const kinds: ActionKind[] = [];
  const urlRow = proposal.flow === 'report' && (proposal.item === 'url-in-email' || proposal.item === 'url-in-office-file');
  if (urlRow && proposal.verdict !== undefined && urlOf(answered)) kinds.push('submit-url');
  if (alertOf(answered) && (proposal.flow === 'adjust' || proposal.verdict !== undefined)) kinds.push('classify-alert');
  const allowRow = proposal.flow === 'adjust' && proposal.scenario === 'malware-on-device';
  if (allowRow && allowPermitted(answered.judgement) && indicatorEvidenceOf(answered)) kinds.push('allow-indicator');
  return kinds;
}

/**
 * The action of this kind for the answer: the category question first when a missed threat needs
 * one; undefined when the answer does not offer it. The allow indicator carries the kept judgement,
 * so the safety rule decides it whatever was clicked.
 */
export function actionFor(answered: Answered, kind: ActionKind, category?: ThreatCategory): DirectAction | 'needs-category' | undefined {
  const verdict = verdictOf(answered);
  if (verdict === undefined) return undefined;
  const picked = verdict === 'missed' ? category : undefined;
  if (verdict === 'missed' && picked === undefined && kind !== 'allow-indicator') return 'needs-category';
  const withCategory = picked ? { category: picked } : {};
  switch (kind) {
    case 'submit-url': {
      const url = urlOf(answered);
      return url && offeredActions(answered).includes(kind) ? { kind, url, verdict, ...withCategory } : undefined;
    }
    case 'classify-alert': {
      const alert = alertOf(answered);
      return alert && offeredActions(answered).includes(kind) ? { kind, alertId: alert.id, verdict, ...withCategory } : undefined;
    }
    case 'allow-indicator': {
      // Not gated by the offer: on its own row the safety rule in the request decides, with the kept judgement.
      const evidence = indicatorEvidenceOf(answered);
      const allowRow = answered.proposal.flow === 'adjust' && answered.proposal.scenario === 'malware-on-device';
      return evidence && allowRow ? { kind, evidence, judgement: answered.judgement } : undefined;
    }
    case 'submit-email':
      return undefined;
  }
}
