import { ITEM_IDS, SCENARIO_IDS, VERDICT_IDS } from '../../content';
import { EVIDENCE_KINDS, Evidence } from '../../evidence';
import { MAX_DISPLAY_CHARS } from '../../evidence/limits';
import { isMember, isRecord, parseMessageContext } from '../../flowState';
import type { ActionOutcome } from '../confirmation/actionViews';
import type { Answered } from './answerActions';
import { MAX_DEVICE_CHOICES, PENDING_STAGES, type FoundDevice, type PendingAction } from '../confirmation/confirmation';
import { DEVICE_ID } from '../../evidence/recognisers/ids';
import type { Judgement } from '../../safety';
import { ACTION_KINDS, ActionOrigin, DirectAction, FoundAccount, THREAT_CATEGORIES, ThreatCategory } from '../model';

/** What one analyst has of direct actions in one conversation: the last answer shown, and the confirmation open or settled. */
export interface ActState {
  readonly answered?: Answered;
  readonly pending?: PendingAction;
}

const TEXT_LIMIT = 2000;
const text = (value: unknown): value is string => typeof value === 'string' && value.length <= TEXT_LIMIT;
const optional = <T>(value: unknown, check: (v: unknown) => v is T): boolean => value === undefined || check(value);
const isVerdict = (v: unknown) => isMember(VERDICT_IDS, v);
const isCategory = (v: unknown) => isMember(THREAT_CATEGORIES, v);
/** Kept lower case (requestValue writes them so), so a stored id in any other case does not fit. */
const isDeviceId = (v: unknown): v is string => typeof v === 'string' && DEVICE_ID.test(v) && v === v.toLowerCase();

/**
 * Reads the direct-action state back from storage, field by field; what does not fit is dropped
 * (an open confirmation then answers "no longer open", and nothing is sent).
 */
export function parseActState(stored: unknown): ActState | undefined {
  if (!isRecord(stored)) return undefined;
  const answered = parseAnswered(stored.answered);
  const pending = parsePending(stored.pending);
  if (!answered && !pending) return undefined;
  return { ...(answered ? { answered } : {}), ...(pending ? { pending } : {}) };
}

function parseAnswered(stored: unknown): Answered | undefined {
  if (!isRecord(stored) || !isRecord(stored.proposal)) return undefined;
  const context = parseMessageContext(stored.context);
  const judgement = stored.judgement;
  if (!context || !optional(judgement, isVerdict)) return undefined;
  const { flow, item, verdict, scenario } = stored.proposal;
  const base = { context, judgement: judgement as Judgement };
  if (flow === 'adjust' && isMember(SCENARIO_IDS, scenario)) return { proposal: { flow, scenario }, ...base };
  if (flow === 'undo') return { proposal: { flow }, ...base };
  if (flow === 'report' && isMember(ITEM_IDS, item) && optional(verdict, isVerdict)) {
    return { proposal: { flow, item, ...(verdict !== undefined ? { verdict: verdict as (typeof VERDICT_IDS)[number] } : {}) }, ...base };
  }
  return undefined;
}

function parseEvidence(stored: unknown): Evidence | undefined {
  if (!isRecord(stored) || !isMember(EVIDENCE_KINDS, stored.kind) || typeof stored.display !== 'string' || stored.display.length > MAX_DISPLAY_CHARS) return undefined;
  return { kind: stored.kind, display: stored.display };
}

function parseAction(s: unknown): DirectAction | undefined {
  if (!isRecord(s) || !isMember(ACTION_KINDS, s.kind)) return undefined;
  if (!optional(s.category, isCategory)) return undefined;
  const withCategory = s.category !== undefined ? { category: s.category as ThreatCategory } : {};
  switch (s.kind) {
    case 'submit-url': {
      const url = parseEvidence(s.url);
      return url && isVerdict(s.verdict) ? { kind: s.kind, url, verdict: s.verdict, ...withCategory } : undefined;
    }
    case 'submit-email':
      return isVerdict(s.verdict) && optional(s.recipient, text) && optional(s.messageUrl, text)
        ? { kind: s.kind, verdict: s.verdict, ...withCategory, ...(s.recipient !== undefined ? { recipient: s.recipient as string } : {}), ...(s.messageUrl !== undefined ? { messageUrl: s.messageUrl as string } : {}) }
        : undefined;
    case 'classify-alert':
      return text(s.alertId) && isVerdict(s.verdict) ? { kind: s.kind, alertId: s.alertId, verdict: s.verdict, ...withCategory } : undefined;
    case 'unisolate-device':
    case 'unrestrict-device': {
      const device = isRecord(s.device) ? s.device : undefined;
      if (!device || !optional(device.name, text) || !optional(device.id, isDeviceId) || !optional(s.judgement, isVerdict)) return undefined;
      const name = typeof device.name === 'string' ? { name: device.name } : {};
      const id = typeof device.id === 'string' ? { id: device.id } : {};
      return { kind: s.kind, device: { ...name, ...id }, judgement: s.judgement as Judgement };
    }
    case 'enable-account': {
      const account = s.account === undefined ? undefined : parseAccount(s.account);
      if (!text(s.sid) || (s.account !== undefined && !account) || !optional(s.judgement, isVerdict)) return undefined;
      return { kind: s.kind, sid: s.sid, ...(account ? { account } : {}), judgement: s.judgement as Judgement };
    }
    case 'restore-email':
      return text(s.networkMessageId) && text(s.recipient) && text(s.approversGroupId) && optional(s.judgement, isVerdict)
        ? { kind: s.kind, networkMessageId: s.networkMessageId, recipient: s.recipient, approversGroupId: s.approversGroupId, judgement: s.judgement as Judgement }
        : undefined;
    case 'allow-indicator': {
      const evidence = parseEvidence(s.evidence);
      const daysFit = s.expiryDays === undefined || typeof s.expiryDays === 'number';
      if (!evidence || !optional(s.judgement, isVerdict) || !daysFit || !optional(s.certificate, (v): v is boolean => typeof v === 'boolean')) return undefined;
      return {
        kind: s.kind,
        evidence,
        judgement: s.judgement as Judgement,
        ...(typeof s.expiryDays === 'number' ? { expiryDays: s.expiryDays } : {}),
        ...(typeof s.certificate === 'boolean' ? { certificate: s.certificate } : {}),
      };
    }
  }
}

function parseAccount(s: unknown): FoundAccount | undefined {
  if (!isRecord(s) || !text(s.identityId) || !text(s.accountId) || !text(s.name) || !isMember(['activeDirectory', 'okta'] as const, s.provider)) return undefined;
  return { identityId: s.identityId, accountId: s.accountId, provider: s.provider, name: s.name };
}

function parseOrigin(s: unknown): ActionOrigin | undefined {
  if (!isRecord(s) || !text(s.threadName) || !text(s.threadUrl) || !text(s.analyst) || typeof s.now !== 'number') return undefined;
  return { threadName: s.threadName, threadUrl: s.threadUrl, analyst: s.analyst, now: s.now };
}

const OUTCOME_KINDS = ['dry-run', 'done', 'failed', 'refused', 'denied', 'cancelled', 'expired', 'sending', 'finding', 'interrupted', 'unknown'] as const;

function parseOutcome(s: unknown): ActionOutcome | undefined {
  if (!isRecord(s) || !isMember(OUTCOME_KINDS, s.kind)) return undefined;
  switch (s.kind) {
    case 'done':
      return text(s.returnedId) && optional(s.link, text) && optional(s.status, text)
        ? { kind: s.kind, returnedId: s.returnedId, ...(typeof s.link === 'string' ? { link: s.link } : {}), ...(typeof s.status === 'string' ? { status: s.status } : {}) }
        : undefined;
    case 'failed':
      return text(s.text) && optional(s.returnedId, text) ? { kind: s.kind, text: s.text, ...(typeof s.returnedId === 'string' ? { returnedId: s.returnedId } : {}) } : undefined;
    case 'refused':
    case 'denied':
      return text(s.text) ? { kind: s.kind, text: s.text } : undefined;
    default:
      return { kind: s.kind };
  }
}

function parsePending(s: unknown): PendingAction | undefined {
  if (!isRecord(s) || typeof s.key !== 'string' || !/^[A-Za-z0-9-]{1,36}$/.test(s.key) || typeof s.dryRun !== 'boolean') return undefined;
  const action = parseAction(s.action);
  const origin = parseOrigin(s.origin);
  const outcome = s.outcome === undefined ? undefined : parseOutcome(s.outcome);
  if (!action || !origin || !isMember(PENDING_STAGES, s.stage) || (s.outcome !== undefined && !outcome)) return undefined;
  if (s.sentAt !== undefined && typeof s.sentAt !== 'number') return undefined;
  const devices = s.devices === undefined ? undefined : parseDevices(s.devices);
  if (s.devices !== undefined && !devices) return undefined;
  const sentAt = typeof s.sentAt === 'number' ? { sentAt: s.sentAt } : {};
  return { key: s.key, action, origin, dryRun: s.dryRun, stage: s.stage, ...sentAt, ...(outcome ? { outcome } : {}), ...(devices ? { devices } : {}) };
}

function parseDevices(s: unknown): FoundDevice[] | undefined {
  if (!Array.isArray(s) || s.length > MAX_DEVICE_CHOICES) return undefined;
  const devices = s.map((d) => (isRecord(d) && isDeviceId(d.id) && text(d.name) ? { id: d.id, name: d.name } : undefined));
  return devices.every((d) => d !== undefined) ? (devices as FoundDevice[]) : undefined;
}
