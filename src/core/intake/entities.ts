import { displayName } from '../evidence/defanging/displayName';
import { capDisplay } from '../evidence/defanging/display';
import { parseEmail } from '../evidence/recognisers/email';
import { parseUrl } from '../evidence/recognisers/url';
import { DEVICE_ID, GUID, SID } from '../evidence/recognisers/ids';
import type { Evidence } from '../evidence';
import type { GraphAlert, GraphEvidence } from './graphShapes';

const MAX_NAME_CHARS = 120;

/**
 * One thing AIR acted on, as the card shows it: `display` and `detail` are defanged and inert. `ids`
 * keeps Graph's own identifiers (the message, the device, the user) for the flows that act on them;
 * they are never shown, never logged.
 */
export interface IncidentEntity {
  readonly kind: 'email' | 'file' | 'device' | 'url' | 'user';
  readonly display: string;
  readonly detail?: string;
  /** remediationStatus as Graph gives it (remediated, pendingApproval, ...). */
  readonly action: string;
  readonly verdict: string;
  readonly ids: EntityIds;
}

export interface EntityIds {
  readonly networkMessageId?: string;
  readonly recipientEmailAddress?: string;
  readonly mdeDeviceId?: string;
  readonly userPrincipalName?: string;
  /** The account's on-premises SID, by which Defender for Identity finds it. */
  readonly userSid?: string;
  readonly sha256?: string;
}

const TYPE_PREFIX = '#microsoft.graph.security.';
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const name = (value: unknown): string => displayName(value, MAX_NAME_CHARS);
const address = (value: unknown): string | undefined => {
  const raw = text(value);
  return raw === undefined ? undefined : (parseEmail(raw)?.display ?? name(raw));
};
const SHA256 = /^[0-9a-f]{64}$/i;
const only = <T extends object>(fields: T): T => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;

type Drawn = Pick<IncidentEntity, 'kind' | 'display' | 'detail' | 'ids'>;

/** Each evidence type the intake shows, drawn from its own fields; other types are left out. */
const DRAWERS: Readonly<Record<string, (item: GraphEvidence) => Drawn | undefined>> = {
  analyzedMessageEvidence: (item) => {
    const recipient = address(item.recipientEmailAddress);
    return { kind: 'email', display: name(item.subject) || 'an email message', ...(recipient ? { detail: `to ${recipient}` } : {}), ids: only({ networkMessageId: text(item.networkMessageId), recipientEmailAddress: text(item.recipientEmailAddress) }) };
  },
  mailboxEvidence: (item) => {
    const mailbox = address(item.primaryAddress);
    return mailbox ? { kind: 'email', display: mailbox, detail: 'a mailbox', ids: only({ recipientEmailAddress: text(item.primaryAddress), userPrincipalName: text(item.userAccount?.userPrincipalName) }) } : undefined;
  },
  fileEvidence: (item) => {
    const sha256 = text(item.fileDetails?.sha256);
    const hash = sha256 && SHA256.test(sha256) ? sha256.toLowerCase() : undefined;
    const fileName = name(item.fileDetails?.fileName);
    if (!fileName && !hash) return undefined;
    return { kind: 'file', display: fileName || 'a file', ...(hash ? { detail: `SHA-256 ${hash}` } : {}), ids: only({ sha256: hash }) };
  },
  deviceEvidence: (item) => {
    const device = name(item.deviceDnsName);
    return device || item.mdeDeviceId ? { kind: 'device', display: device || 'a device', ids: only({ mdeDeviceId: text(item.mdeDeviceId) }) } : undefined;
  },
  urlEvidence: (item) => {
    const url = text(item.url);
    return url ? { kind: 'url', display: parseUrl(url, true)?.display ?? capDisplay(name(url)), ids: {} } : undefined;
  },
  userEvidence: (item) => {
    const upn = text(item.userAccount?.userPrincipalName);
    const shown = address(upn) ?? name(item.userAccount?.accountName);
    return shown ? { kind: 'user', display: shown, ids: only({ userPrincipalName: upn, userSid: text(item.userAccount?.userSid) }) } : undefined;
  },
};

/** What AIR did to which entities, over all of an incident's alerts, one row per entity. */
export function entitiesOf(alerts: readonly GraphAlert[]): IncidentEntity[] {
  const seen = new Set<string>();
  const entities: IncidentEntity[] = [];
  for (const item of alerts.flatMap((alert) => (Array.isArray(alert.evidence) ? alert.evidence : []))) {
    const type = String(item?.['@odata.type'] ?? '').replace(TYPE_PREFIX, '');
    const drawn = Object.hasOwn(DRAWERS, type) ? DRAWERS[type](item) : undefined;
    if (!drawn) continue;
    const key = `${drawn.kind}|${drawn.display}|${drawn.detail ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entities.push({ ...drawn, action: text(item.remediationStatus) ?? 'none', verdict: text(item.verdict) ?? 'unknown' });
  }
  return entities;
}

/** The entity the card's buttons are about: the first AIR acted on, else the first one. */
export function primaryEntity(entities: readonly IncidentEntity[]): IncidentEntity | undefined {
  return entities.find((entity) => entity.action !== 'none' && entity.action !== 'notFound') ?? entities[0];
}


/**
 * What an undo from Teams needs of the entity, as evidence the flows keep server-side: the device's
 * Defender id, the message's network message id and its recipient (defanged), or the account's SID.
 * Nothing for the rest.
 */
export function knownEvidence(entity: IncidentEntity): Evidence[] {
  const { mdeDeviceId, networkMessageId, recipientEmailAddress, userSid } = entity.ids;
  if (entity.kind === 'device' && mdeDeviceId && DEVICE_ID.test(mdeDeviceId)) return [{ kind: 'mdeDeviceId', display: mdeDeviceId.toLowerCase() }];
  if (entity.kind === 'user' && userSid && SID.test(userSid)) return [{ kind: 'userSid', display: userSid.toUpperCase() }];
  const recipient = parseEmail(recipientEmailAddress ?? '');
  if (entity.kind === 'email' && networkMessageId && GUID.test(networkMessageId) && recipient) {
    return [{ kind: 'networkMessageId', display: networkMessageId.toLowerCase() }, { kind: 'email', display: recipient.display }];
  }
  return [];
}

/** The entity as the conversation's evidence: what the flows show on every card. */
export function evidenceOf(entity: Pick<IncidentEntity, 'kind' | 'display' | 'detail'>): Evidence {
  const kind = entity.kind === 'user' ? 'email' : entity.kind;
  return { kind, display: capDisplay(entity.detail && entity.kind === 'email' ? `${entity.display} (${entity.detail})` : entity.display) };
}
