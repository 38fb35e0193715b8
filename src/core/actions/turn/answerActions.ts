import type { Evidence, MessageContext, Proposal } from '../../evidence';
import { defangEmail, escapeMarkdown } from '../../evidence/defanging/display';
import { refang } from '../../evidence/defanging/refang';
import { allowPermitted, Judgement, undoPermitted } from '../../safety';
import { ActionKind, DirectAction, ThreatCategory, UNDO_KINDS, UndoKind } from '../model';

/**
 * The answer an analyst was last shown from the bot's proposal, kept server-side: the row, what the
 * message named, and the analyst's judgement as the offer carried it. An action is built from this,
 * never from a click's data, which names only the kind of action and a category.
 */
export interface Answered {
  readonly proposal: Proposal;
  readonly context: MessageContext;
  readonly judgement: Judgement;
}

/** What the analyst typed on the message card; blank fields are left out, so the request asks for them. */
export interface MessageDetails {
  readonly recipient: string;
  readonly messageUrl: string;
}

/**
 * An address as the analyst typed it, in the defanged form the action keeps and the card shows: it
 * is refanged only into the request, where it is checked.
 */
function defangTyped(typed: string): string {
  const live = refang(typed);
  const at = live.lastIndexOf('@');
  return at > 0 ? defangEmail(live.slice(0, at), live.slice(at + 1)) : escapeMarkdown(live).split('.').join('[.]');
}

/** An address the analyst's message named, offered on the message card as the recipient. */
export const recipientOf = (answered: Answered): string | undefined => answered.context.evidence.find((e) => e.kind === 'email')?.display;

const INDICATOR_KINDS: ReadonlySet<Evidence['kind']> = new Set(['sha256', 'sha1', 'md5', 'ipv4', 'ipv6', 'domain', 'url']);

const urlOf = (answered: Answered) => answered.context.evidence.find((e) => e.kind === 'url');
const alertOf = (answered: Answered) => answered.context.references.find((r) => r.kind === 'alert');
const indicatorEvidenceOf = (answered: Answered) => answered.context.evidence.find((e) => INDICATOR_KINDS.has(e.kind));

/** A report answer says its verdict; every adjust row is about an alert that should not have fired. */
const verdictOf = (answered: Answered) => (answered.proposal.flow === 'report' ? answered.proposal.verdict : 'wrongly-detected');


const deviceOf = (answered: Answered) => ({
  name: answered.context.evidence.find((e) => e.kind === 'device')?.display,
  id: answered.context.evidence.find((e) => e.kind === 'mdeDeviceId')?.display,
});
const messageIdOf = (answered: Answered) => answered.context.evidence.find((e) => e.kind === 'networkMessageId')?.display;
const sidOf = (answered: Answered) => answered.context.evidence.find((e) => e.kind === 'userSid')?.display;

/**
 * The undos by API the walk's entity allows, for what the analyst says AIR wrongly remediated: a device
 * by name or id (both machine actions: the analyst knows which AIR took), an email by its network message
 * id and recipient when an approvers group is set up, an account by its SID. A file, a URL, a registry
 * key have no such API.
 */
export function offeredUndos(answered: Answered, approversGroupId: string | undefined): UndoKind[] {
  if (answered.proposal.flow !== 'undo' || !undoPermitted(answered.judgement)) return [];
  const device = deviceOf(answered);
  const kinds: UndoKind[] = device.name !== undefined || device.id !== undefined ? ['unisolate-device', 'unrestrict-device'] : [];
  if (approversGroupId !== undefined && messageIdOf(answered) !== undefined && recipientOf(answered) !== undefined) kinds.push('restore-email');
  if (sidOf(answered) !== undefined) kinds.push('enable-account');
  return kinds;
}

const isUndoKind = (kind: ActionKind): kind is UndoKind => (UNDO_KINDS as readonly string[]).includes(kind);

/** The undo of this kind for the walk's entity; undefined when the walk does not offer it. The kept judgement goes with it. */
function undoFor(answered: Answered, kind: UndoKind, approversGroupId: string | undefined): DirectAction | undefined {
  if (!offeredUndos(answered, approversGroupId).includes(kind)) return undefined;
  const { judgement } = answered;
  if (kind === 'restore-email') {
    const networkMessageId = messageIdOf(answered);
    const recipient = recipientOf(answered);
    return networkMessageId && recipient && approversGroupId ? { kind, networkMessageId, recipient, approversGroupId, judgement } : undefined;
  }
  if (kind === 'enable-account') {
    const sid = sidOf(answered);
    return sid ? { kind, sid, judgement } : undefined;
  }
  const { name, id } = deviceOf(answered);
  return { kind, device: { ...(name !== undefined ? { name } : {}), ...(id !== undefined ? { id } : {}) }, judgement };
}

/** The actions an answer offers. Files on devices have no submission API: they stay a portal link. */
export function offeredActions(answered: Answered): ActionKind[] {
  const { proposal } = answered;
  const kinds: ActionKind[] = [];
  if (proposal.flow === 'undo') return kinds;
  const urlRow = proposal.flow === 'report' && (proposal.item === 'url-in-email' || proposal.item === 'url-in-office-file');
  if (urlRow && proposal.verdict !== undefined && urlOf(answered)) kinds.push('submit-url');
  if (proposal.flow === 'report' && proposal.item === 'email-message' && proposal.verdict !== undefined) kinds.push('submit-email');
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
export function actionFor(
  answered: Answered,
  kind: ActionKind,
  category?: ThreatCategory,
  message?: MessageDetails,
  approversGroupId?: string,
): DirectAction | 'needs-category' | 'needs-message' | undefined {
  if (isUndoKind(kind)) return undoFor(answered, kind, approversGroupId);
  if (answered.proposal.flow === 'undo') return undefined;
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
    case 'submit-email': {
      if (!offeredActions(answered).includes(kind)) return undefined;
      if (message === undefined) return 'needs-message';
      const given = { ...(message.recipient ? { recipient: defangTyped(message.recipient) } : {}), ...(message.messageUrl ? { messageUrl: message.messageUrl } : {}) };
      return { kind, verdict, ...withCategory, ...given };
    }
  }
}
