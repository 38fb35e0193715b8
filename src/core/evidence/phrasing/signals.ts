import type { VerdictId } from '../../content';
import type { CueHit } from './cues';
import type { Finding } from '../finding';
import type { CueKind } from './lexicon';
import type { EvidenceKind, PortalReference, ReferenceKind } from '../types';

/**
 * Everything the decision can rely on: kinds of evidence, cue kinds, the file types seen, and
 * `reference`: the message points to an incident, alert or investigation in the analyst's portal.
 */
export type SignalKey = EvidenceKind | CueKind | 'officeFile' | 'programFile' | 'reference';

export interface Signals {
  has(key: SignalKey): boolean;
  /** A short phrase for the card, e.g. `a URL` or `the word "email"`. */
  reason(key: SignalKey): string | undefined;
  /**
   * What the analyst says about the item: undefined when they say nothing, or say both (then the
   * verdict is asked, never guessed). Asking for an allow counts as saying it is clean.
   */
  readonly verdict: VerdictId | undefined;
  readonly verdictConflict: boolean;
}

const REFERENCE_NOUNS: Readonly<Record<ReferenceKind, string>> = {
  incident: 'a Defender incident',
  alert: 'a Defender alert',
  investigation: 'an AIR investigation',
};

const NOUNS: Readonly<Record<EvidenceKind, readonly [one: string, many: string]>> = {
  url: ['a URL', 'URLs'],
  domain: ['a domain', 'domains'],
  ipv4: ['an IP address', 'IP addresses'],
  ipv6: ['an IPv6 address', 'IPv6 addresses'],
  md5: ['an MD5 hash', 'MD5 hashes'],
  sha1: ['a SHA-1 hash', 'SHA-1 hashes'],
  sha256: ['a SHA-256 hash', 'SHA-256 hashes'],
  email: ['an email address', 'email addresses'],
  file: ['a file name', 'file names'],
  device: ['a device name', 'device names'],
  mdeDeviceId: ['a device id', 'device ids'],
  networkMessageId: ['a network message id', 'network message ids'],
  userSid: ['an account SID', 'account SIDs'],
};

export function collectSignals(findings: readonly Finding[], hits: readonly CueHit[], references: readonly PortalReference[]): Signals {
  const reasons = new Map<SignalKey, string>();
  const [reference] = references;
  if (reference !== undefined) reasons.set('reference', REFERENCE_NOUNS[reference.kind]);
  const counts = new Map<EvidenceKind, number>();
  for (const f of findings) {
    counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
    if (f.fileType === 'office' && !reasons.has('officeFile')) reasons.set('officeFile', 'an Office file name');
    if (f.fileType === 'program' && !reasons.has('programFile')) reasons.set('programFile', 'a program file name');
  }
  for (const [kind, count] of counts) {
    const [one, many] = NOUNS[kind];
    reasons.set(kind, count === 1 ? one : `${count} ${many}`);
  }
  for (const hit of hits) {
    if (!reasons.has(hit.cue)) reasons.set(hit.cue, quote(hit.phrase));
  }
  const missed = hits.filter((h) => h.cue === 'missed').length;
  const wrongly = hits.filter((h) => h.cue === 'wrongly' || h.cue === 'allow').length;
  const verdictConflict = missed > 0 && wrongly > 0;
  let verdict: VerdictId | undefined;
  if (!verdictConflict && missed > 0) verdict = 'missed';
  else if (!verdictConflict && wrongly > 0) verdict = 'wrongly-detected';
  return { has: (key) => reasons.has(key), reason: (key) => reasons.get(key), verdict, verdictConflict };
}

function quote(phrase: string): string {
  return phrase.includes(' ') ? `the words "${phrase}"` : `the word "${phrase}"`;
}
