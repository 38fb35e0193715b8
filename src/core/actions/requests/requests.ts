import { allowPermitted, undoPermitted } from '../../safety';
import type { Evidence } from '../../evidence';
import { AccountUndo, ActionOrigin, AllowIndicator, ClassifyAlert, DEFAULT_INDICATOR_DAYS, DeviceUndo, DirectAction, EmailUndo, FoundAccount, SubmitEmail, SubmitUrl, ThreatCategory } from '../model';
import { MARKDOWN_ESCAPE, requestValue } from './requestValue';
import { GUID } from '../../evidence/recognisers/ids';
import { SERVICE_OF, ServiceId } from './services';

/**
 * One HTTP request an action sends: the path is relative to the service's base URL. `memberOf`: the
 * answer must list this group (checkMemberGroups), or nothing after it is sent.
 */
export interface OutgoingRequest {
  readonly service: ServiceId;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly memberOf?: string;
}

/** Why an action cannot be sent, in words for the card. */
export type Refusal =
  | { readonly reason: 'allow-not-permitted'; readonly text: string }
  | { readonly reason: 'undo-not-permitted'; readonly text: string }
  | { readonly reason: 'needs-category'; readonly text: string }
  | { readonly reason: 'needs-message'; readonly text: string }
  | { readonly reason: 'invalid-value'; readonly text: string };

export type Built = { readonly ok: true; readonly requests: readonly OutgoingRequest[] } | { readonly ok: false; readonly refusal: Refusal };

/** Defender for Endpoint's indicator types. */
type IndicatorType = 'FileSha1' | 'FileSha256' | 'FileMd5' | 'CertificateThumbprint' | 'IpAddress' | 'DomainName' | 'Url';

const INDICATOR_TYPE_OF: Readonly<Partial<Record<Evidence['kind'], IndicatorType>>> = {
  sha1: 'FileSha1',
  sha256: 'FileSha256',
  md5: 'FileMd5',
  ipv4: 'IpAddress',
  ipv6: 'IpAddress',
  domain: 'DomainName',
  url: 'Url',
};

/** Alert ids as the portal writes them (`da637551227677560813_-961444813`). */
const ALERT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const DAY_MS = 86_400_000;

/** The requests an action sends, in order, or why it may not be sent. Pure: the same input gives the same requests. */
export function buildRequests(action: DirectAction, origin: ActionOrigin): Built {
  switch (action.kind) {
    case 'submit-url':
      return submitUrl(action);
    case 'submit-email':
      return submitEmail(action);
    case 'classify-alert':
      return classifyAlert(action, origin);
    case 'allow-indicator':
      return allowIndicator(action, origin);
    case 'unisolate-device':
    case 'unrestrict-device':
      return deviceUndo(action, origin);
    case 'restore-email':
      return emailUndo(action, origin);
    case 'enable-account':
      return accountUndo(action);
  }
}

/** The lookup of an account by its SID: Defender for Identity's identity accounts, filtered. */
export function accountLookup(sid: string): OutgoingRequest {
  const live = requestValue({ kind: 'userSid', display: sid }) ?? '';
  return { service: 'graph-identities', method: 'GET', path: `/security/identities/identityAccounts?$filter=${encodeURIComponent(`onPremisesSecurityIdentifier eq '${live}'`)}`, body: {} };
}

/** Enable the account found; a dry run before the lookup shows it with `{id}` and `{accountId}`. */
export function enableRequest(account: Pick<FoundAccount, 'identityId' | 'accountId' | 'provider'>): OutgoingRequest {
  return {
    service: 'graph-identities',
    method: 'POST',
    path: `/security/identities/identityAccounts/${account.identityId}/invokeAction`,
    body: { accountId: account.accountId, action: 'enable', identityProvider: account.provider },
  };
}

const ACCOUNT_ID = /^[A-Za-z0-9-]{1,100}$/;

function accountUndo(action: AccountUndo): Built {
  if (!undoPermitted(action.judgement)) return refused(UNDO_REFUSED);
  const { account } = action;
  if (account === undefined || !ACCOUNT_ID.test(account.identityId) || !ACCOUNT_ID.test(account.accountId)) {
    return invalid('The account is not known to Defender for Identity yet, so nothing can be sent.');
  }
  return sending(enableRequest(account));
}

const UNDO_REFUSED: Refusal = {
  reason: 'undo-not-permitted',
  text: "An undo from Teams is only for something AIR wrongly remediated; for a missed threat, report it instead.",
};
const DEVICE_PATH: Readonly<Record<DeviceUndo['kind'], string>> = { 'unisolate-device': 'unisolate', 'unrestrict-device': 'unrestrictCodeExecution' };
const fromTeams = (origin: ActionOrigin): string => `${origin.analyst} in the Microsoft Teams thread "${origin.threadName}": ${origin.threadUrl}`;

/** The lookup of a device by the name the analyst gave: Defender for Endpoint's list of machines, filtered. */
export function deviceLookup(name: string): OutgoingRequest {
  const live = name.replace(MARKDOWN_ESCAPE, '$1').replace(/'/g, "''");
  return { service: 'defender-machines', method: 'GET', path: `/api/machines?$filter=${encodeURIComponent(`computerDnsName eq '${live}'`)}`, body: {} };
}

function deviceUndo(action: DeviceUndo, origin: ActionOrigin): Built {
  if (!undoPermitted(action.judgement)) return refused(UNDO_REFUSED);
  const id = action.device.id === undefined ? null : requestValue({ kind: 'mdeDeviceId', display: action.device.id });
  if (id === null) return invalid('The device is not known by its Defender for Endpoint id yet, so nothing can be sent.');
  return sending(machineActionRequest(action, id, origin));
}

/** The machine action for a device by its id; a dry run before the lookup shows it with `{id}` in the path. */
export function machineActionRequest(action: DeviceUndo, id: string, origin: ActionOrigin): OutgoingRequest {
  const what = action.kind === 'unisolate-device' ? 'Released from isolation' : 'App restriction lifted';
  return {
    service: 'defender-machines',
    method: 'POST',
    path: `/api/machines/${id}/${DEVICE_PATH[action.kind]}`,
    body: { Comment: `${what} from Microsoft Teams: AIR's action was a false positive, per ${fromTeams(origin)}`.slice(0, 1000) },
  };
}

function emailUndo(action: EmailUndo, origin: ActionOrigin): Built {
  if (!undoPermitted(action.judgement)) return refused(UNDO_REFUSED);
  const networkMessageId = requestValue({ kind: 'networkMessageId', display: action.networkMessageId });
  const recipient = requestValue({ kind: 'email', display: action.recipient });
  if (networkMessageId === null || recipient === null || !GUID.test(action.approversGroupId)) return invalid('The message id or the recipient does not look right.');
  return sending(
    { service: 'graph-v1', method: 'POST', path: '/me/checkMemberGroups', body: { groupIds: [action.approversGroupId] }, memberOf: action.approversGroupId },
    request('restore-email', 'POST', '/security/collaboration/analyzedEmails/remediate', {
      displayName: 'Move back to the inbox (from Microsoft Teams)',
      description: `AIR's remediation was a false positive; approved by ${fromTeams(origin)}`.slice(0, 1000),
      severity: 'low',
      action: 'moveToInbox',
      remediateSendersCopy: false,
      analyzedEmails: [{ networkMessageId, recipientEmailAddress: recipient }],
    }),
  );
}

/** False positive: notJunk. False negative: the category the analyst picked. */
function submissionCategory(action: SubmitUrl | SubmitEmail): string | Refusal {
  if (action.verdict === 'wrongly-detected') return 'notJunk';
  return action.category ?? { reason: 'needs-category', text: 'Pick what it is (phishing, malware or spam) before it is sent.' };
}

function submitUrl(action: SubmitUrl): Built {
  const category = submissionCategory(action);
  if (typeof category !== 'string') return refused(category);
  const webUrl = requestValue(action.url);
  if (action.url.kind !== 'url' || webUrl === null) return invalid('This is not a whole http or https URL, so it cannot be submitted.');
  return sending(request('submit-url', 'POST', '/security/threatSubmission/urlThreats', {
    '@odata.type': '#microsoft.graph.security.urlThreatSubmission',
    category,
    webUrl,
  }));
}

function submitEmail(action: SubmitEmail): Built {
  const category = submissionCategory(action);
  if (typeof category !== 'string') return refused(category);
  if (action.recipient === undefined || action.messageUrl === undefined) {
    return refused({ reason: 'needs-message', text: "Give the recipient's address and the message's Graph URL, so Microsoft can find the message." });
  }
  const recipient = requestValue({ kind: 'email', display: action.recipient });
  if (recipient === null || !isGraphMessageUrl(action.messageUrl)) return invalid('The recipient or the message URL does not look right.');
  return sending(request('submit-email', 'POST', '/security/threatSubmission/emailThreats', {
    '@odata.type': '#microsoft.graph.security.emailUrlThreatSubmission',
    category,
    recipientEmailAddress: recipient,
    messageUrl: action.messageUrl,
  }));
}

/** The message's URL in Graph (`https://graph.microsoft.com/.../messages/{id}`): the only kind the API takes. */
function isGraphMessageUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname === 'graph.microsoft.com' && /\/messages\/[^/]+$/.test(url.pathname);
  } catch {
    return false;
  }
}

/** Determinations that fit each classification; a missed threat takes its category's. */
const TRUE_POSITIVE_DETERMINATION: Readonly<Record<ThreatCategory, string>> = { phishing: 'phishing', malware: 'malware', spam: 'other' };

function classifyAlert(action: ClassifyAlert, origin: ActionOrigin): Built {
  if (!ALERT_ID.test(action.alertId)) return invalid('This is not an alert id as the Defender portal writes it.');
  const path = `/security/alerts_v2/${encodeURIComponent(action.alertId)}`;
  const falsePositive = action.verdict === 'wrongly-detected';
  if (!falsePositive && action.category === undefined) {
    return refused({ reason: 'needs-category', text: 'Pick what the threat is (phishing, malware or spam) before the alert is classified.' });
  }
  const update = falsePositive
    ? { classification: 'falsePositive', determination: 'notMalicious', status: 'resolved' }
    : { classification: 'truePositive', determination: TRUE_POSITIVE_DETERMINATION[action.category ?? 'spam'], status: 'resolved' };
  const verdictWords = falsePositive ? 'a false positive' : 'a missed threat (true positive)';
  return sending(
    request('classify-alert', 'PATCH', path, update),
    request('classify-alert', 'POST', `${path}/comments`, {
      '@odata.type': 'microsoft.graph.security.alertComment',
      comment: `Classified as ${verdictWords} by ${origin.analyst} from Microsoft Teams, thread "${origin.threadName}": ${origin.threadUrl}`,
    }),
  );
}

function allowIndicator(action: AllowIndicator, origin: ActionOrigin): Built {
  // The safety rule, asked where the request is made: only what the analyst says was wrongly detected.
  if (!allowPermitted(action.judgement)) {
    return refused({ reason: 'allow-not-permitted', text: 'An allow indicator is only for something wrongly detected; a missed or unjudged item is reported instead.' });
  }
  const days = action.expiryDays ?? DEFAULT_INDICATOR_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > DEFAULT_INDICATOR_DAYS) return invalid(`The expiry must be 1 to ${DEFAULT_INDICATOR_DAYS} days.`);
  const indicatorType = action.certificate && action.evidence.kind === 'sha1' ? 'CertificateThumbprint' : INDICATOR_TYPE_OF[action.evidence.kind];
  const indicatorValue = requestValue(action.evidence);
  if (indicatorType === undefined || indicatorValue === null) return invalid('Only a file hash, an IP address, a domain or a URL can get an indicator.');
  return sending(request('allow-indicator', 'POST', '/api/indicators', {
    indicatorValue,
    indicatorType,
    action: 'Allowed',
    title: `Allowed from Teams: false positive (${origin.threadName})`.slice(0, 200),
    description: `Wrongly detected as malware, per ${origin.analyst} in the Microsoft Teams thread "${origin.threadName}": ${origin.threadUrl}`,
    expirationTime: new Date(origin.now + days * DAY_MS).toISOString(),
  }));
}

function request(kind: DirectAction['kind'], method: OutgoingRequest['method'], path: string, body: Record<string, unknown>): OutgoingRequest {
  return { service: SERVICE_OF[kind], method, path, body };
}

const sending = (...requests: OutgoingRequest[]): Built => ({ ok: true, requests });
const refused = (refusal: Refusal): Built => ({ ok: false, refusal });
const invalid = (text: string): Built => refused({ reason: 'invalid-value', text });
