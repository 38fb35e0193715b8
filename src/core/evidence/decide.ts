import type { ItemId, ScenarioId, VerdictId } from '../content';
import type { SignalKey, Signals } from './phrasing/signals';
import type { Proposal } from './types';

/** Choices likeliest first (the first is the proposal), and the signals that led there. */
export interface Decision {
  readonly choices: readonly Proposal[];
  readonly sure: boolean;
  readonly used: readonly SignalKey[];
}

/** A decision, plus the report row for what the message is about: where an allow it may not get turns. */
export interface Reading extends Decision {
  readonly item: ItemId;
}

/** The signals, grouped the way the article's tables group things. Each holds the key that is present. */
interface Context {
  readonly s: Signals;
  readonly verdict: VerdictId | undefined;
  readonly network: SignalKey | undefined;
  readonly url: SignalKey | undefined;
  readonly namedFile: SignalKey | undefined;
  readonly fileish: SignalKey | undefined;
  readonly office: SignalKey | undefined;
  readonly mail: SignalKey | undefined;
  readonly device: SignalKey | undefined;
}

const HASHES: readonly SignalKey[] = ['sha256', 'sha1', 'md5'];
const NAMED_FILE: readonly SignalKey[] = ['file', ...HASHES];
// An item the analyst pointed at; an alert about it is better served by the report table.
const ITEM_EVIDENCE: readonly SignalKey[] = [...NAMED_FILE, 'url', 'ipv4', 'ipv6', 'domain', 'attachment', 'mail', 'phish'];
const INTENT: readonly SignalKey[] = [
  'missed', 'wrongly', 'threat', 'phish', 'alert', 'reference', 'asMalware', 'allow', 'indicator', 'undo', 'tune',
  'url', ...NAMED_FILE, 'ipv4', 'ipv6', 'domain', 'email',
];

const report = (item: ItemId, verdict: VerdictId | undefined): Proposal =>
  verdict === undefined ? { flow: 'report', item } : { flow: 'report', item, verdict };
const adjust = (scenario: ScenarioId): Proposal => ({ flow: 'adjust', scenario });
const UNDO: Proposal = { flow: 'undo' };
const first = (s: Signals, keys: readonly SignalKey[]): SignalKey | undefined => keys.find((k) => s.has(k));

/**
 * Picks the undo walk-through or a row of the article's tables from the signals, or null when the
 * message is not about a detection (no verdict, intent, threat word or evidence) or names nothing a
 * row is about. An undo or tuning request decides first; then the rules about items run from the
 * most specific to the most general, and the first that applies decides.
 */
export function decide(s: Signals): Reading | null {
  if (first(s, INTENT) === undefined) return null;
  const namedFile = first(s, NAMED_FILE);
  const c: Context = {
    s,
    verdict: s.verdict,
    network: first(s, ['ipv4', 'ipv6', 'domain']),
    // The word "link" only counts when no file or hash is named: "link to setup.exe" is about the file.
    url: s.has('url') ? 'url' : s.has('linkWord') && namedFile === undefined ? 'linkWord' : undefined,
    namedFile,
    fileish: namedFile ?? first(s, ['appWord', 'officeWord']),
    office: first(s, ['officeFile', 'officeWord']),
    mail: first(s, ['attachment', 'mail', 'phish']),
    device: first(s, ['device', 'deviceWord']),
  };
  const about = itemRules(c);
  const decision = undoRule(c, about) ?? tuneRule(c) ?? about;
  return decision === null ? null : { ...decision, item: subjectItem(c) };
}

function itemRules(c: Context): Decision | null {
  return alertRule(c) ?? indicatorRule(c) ?? urlRule(c) ?? fileRule(c) ?? mailRule(c) ?? networkRule(c) ?? deviceRule(c);
}

/** The report row for the thing the message is about, most specific first. */
function subjectItem({ s, network, url, namedFile, office, mail }: Context): ItemId {
  if (s.has('attachment')) return 'email-attachment';
  if (url !== undefined) return office !== undefined ? 'url-in-office-file' : 'url-in-email';
  if (network !== undefined) return 'url-in-email';
  if (namedFile === undefined && mail !== undefined) return 'email-message';
  return 'file-on-device';
}

/** "undo", "restore", "release", "roll back": the walk-through first, the report of the item beside it. */
function undoRule({ s }: Context, about: Decision | null): Decision | null {
  if (!s.has('undo')) return null;
  const reports = about?.choices.filter((p) => p.flow === 'report') ?? [];
  const tuning = s.has('tune') ? [adjust('legitimate-use')] : [];
  const item = (about?.used ?? []).filter((k) => ITEM_EVIDENCE.includes(k) || k === 'device');
  return { choices: [UNDO, ...tuning, ...reports], sure: !s.has('tune'), used: ['undo', ...item] };
}

/**
 * "stop this alert", "suppress", "keeps coming back": the adjust scenarios, the one the message
 * names first. Not for a missed threat or an email (reporting those is what stops them).
 */
function tuneRule(c: Context): Decision | null {
  const { s, verdict, mail } = c;
  if (!s.has('tune') || verdict === 'missed' || mail !== undefined) return null;
  const indicator = indicatorRule(c);
  if (indicator?.sure === true) return indicator;
  const legitUse = adjust('legitimate-use');
  const inaccurate = adjust('inaccurate-alert');
  const onDevice = ITEM_EVIDENCE.some((k) => s.has(k)) ? [adjust('malware-on-device')] : [];
  const legit = s.has('legitUse') ? 'legitUse' : undefined;
  const wrong = s.has('inaccurate') ? 'inaccurate' : undefined;
  if (wrong !== undefined && legit === undefined) return { choices: [inaccurate, legitUse, ...onDevice], sure: true, used: ['tune', wrong] };
  if (legit !== undefined && wrong === undefined) return { choices: [legitUse, inaccurate, ...onDevice], sure: true, used: ['tune', legit] };
  return { choices: [legitUse, inaccurate, ...onDevice], sure: false, used: ['tune'] };
}

/** "alert ... legitimate / inaccurate / false positive" about no particular item: adjust the alert. */
function alertRule({ s, verdict }: Context): Decision | null {
  if (!(s.has('alert') || s.has('reference')) || ITEM_EVIDENCE.some((k) => s.has(k))) return null;
  const alert = s.has('alert') ? 'alert' : 'reference';
  const legit = s.has('legitUse') ? 'legitUse' : undefined;
  const wrong = s.has('inaccurate') ? 'inaccurate' : undefined;
  const legitUse = adjust('legitimate-use');
  const inaccurate = adjust('inaccurate-alert');
  if (legit !== undefined && wrong !== undefined) {
    return { choices: [legitUse, inaccurate], sure: false, used: [alert, legit, wrong] };
  }
  if (legit !== undefined) return { choices: [legitUse, inaccurate], sure: true, used: [alert, legit] };
  if (wrong !== undefined) return { choices: [inaccurate, legitUse], sure: true, used: [alert, wrong] };
  // "this alert is a false positive" without saying why.
  if (verdict === 'wrongly-detected') return { choices: [inaccurate, legitUse], sure: false, used: [alert, 'wrongly'] };
  return null;
}

/**
 * A file, IP, domain or URL treated as malware on a device: an "Allow" indicator. An IP or
 * domain on a device fits no other row; a file needs wording about allowing, being treated as
 * malware, or recurring, since otherwise reporting the file is the first step. The safety rule
 * (src/core/safety.ts) turns this into a report unless the analyst said false positive.
 */
function indicatorRule({ s, verdict, network, url, fileish, office, mail, device }: Context): Decision | null {
  const deviceSide = device ?? first(s, ['allow', 'indicator']);
  if (verdict === 'missed' || deviceSide === undefined || (mail !== undefined && device === undefined)) return null;
  const why = first(s, ['asMalware', 'allow', 'indicator', 'tune']);
  const target = network ?? (url !== undefined && office === undefined ? url : undefined) ?? (why ? fileish : undefined);
  if (target === undefined) return null;
  const others = network !== undefined ? [] : url !== undefined ? [report('url-in-email', verdict)] : [report('file-on-device', verdict)];
  return {
    choices: [adjust('malware-on-device'), ...others],
    sure: device !== undefined && (network !== undefined || why !== undefined),
    used: [target, deviceSide, ...(why ? [why] : [])],
  };
}

function urlRule({ verdict, url, office, mail }: Context): Decision | null {
  if (url === undefined) return null;
  const inEmail = report('url-in-email', verdict);
  const inOffice = report('url-in-office-file', verdict);
  if (office !== undefined) return { choices: [inOffice, inEmail], sure: true, used: [url, office] };
  if (mail !== undefined) return { choices: [inEmail, inOffice], sure: true, used: [url, mail] };
  return { choices: [inEmail, inOffice, adjust('malware-on-device')], sure: false, used: [url] };
}

function fileRule({ s, verdict, namedFile, fileish, mail, device }: Context): Decision | null {
  if (fileish === undefined) return null;
  const attachment = report('email-attachment', verdict);
  const onDevice = report('file-on-device', verdict);
  if (s.has('attachment')) return { choices: [attachment, onDevice], sure: true, used: [fileish, 'attachment'] };
  if (device !== undefined) {
    const others = mail !== undefined ? [attachment] : verdict === 'missed' ? [] : [adjust('malware-on-device')];
    return { choices: [onDevice, ...others], sure: mail === undefined, used: [fileish, device] };
  }
  if (mail !== undefined) return { choices: [attachment, onDevice], sure: namedFile !== undefined, used: [fileish, mail] };
  // Alone, a hash or a program points to a device; a document more often arrived by mail.
  const program = namedFile === 'file' ? s.has('programFile') : fileish !== 'officeWord';
  if (program) return { choices: [onDevice, attachment], sure: false, used: [fileish] };
  return { choices: [attachment, onDevice], sure: false, used: [fileish] };
}

function mailRule({ s, verdict, network, mail }: Context): Decision | null {
  const cue = mail ?? (s.has('email') ? 'email' : undefined);
  if (cue === undefined) return null;
  if (cue === 'attachment') {
    return { choices: [report('email-attachment', verdict), report('email-message', verdict)], sure: true, used: [cue] };
  }
  const used: SignalKey[] = [...(s.has('email') ? ['email' as const] : []), ...(network ? [network] : [])];
  if (mail !== undefined) used.push(mail);
  return {
    choices: [report('email-message', verdict), report('email-attachment', verdict), report('url-in-email', verdict)],
    sure: mail !== undefined,
    used,
  };
}

/**
 * An IP or domain with no place: only the indicator row is about those; missed, it is submitted
 * as a URL (the Submissions page takes addresses and domains there).
 */
function networkRule({ verdict, network, device }: Context): Decision | null {
  if (network === undefined) return null;
  if (verdict === 'missed') {
    return { choices: [report('url-in-email', verdict), ...(device ? [report('file-on-device', verdict)] : [])], sure: false, used: [network] };
  }
  return { choices: [adjust('malware-on-device'), report('url-in-email', verdict)], sure: false, used: [network] };
}

function deviceRule({ verdict, device }: Context): Decision | null {
  if (device === undefined) return null;
  return { choices: [report('file-on-device', verdict), adjust('malware-on-device')], sure: false, used: [device] };
}
