import { findDeviceNames } from './device';
import { capDisplay, defangDomain, defangIpv4, defangIpv6 } from './display';
import { parseDomain } from './domain';
import { parseEmail } from './email';
import { parseFileName } from './file';
import type { Finding } from './finding';
import { findHashes } from './hash';
import { parseIpv4, parseIpv6 } from './ip';
import { refang } from './refang';
import { tokenise } from './tokens';
import { parseUrl } from './url';

export interface Extraction {
  /** Distinct findings in order of appearance; not yet capped. */
  readonly findings: readonly Finding[];
  /** The tokens that are not evidence: the analyst's own words, where cues are looked for. */
  readonly prose: readonly string[];
}

export function extractEvidence(text: string): Extraction {
  const tokens = tokenise(text);
  const perToken = tokens.map(classify);
  for (const [index, name] of findDeviceNames(tokens, (i) => (perToken[i]?.length ?? 0) > 0)) {
    perToken[index] = [{ kind: 'device', display: name }];
  }
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const finding of perToken.flat()) {
    const key = `${finding.kind} ${finding.display}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  const prose = tokens.filter((_, i) => perToken[i]?.length === 0);
  return { findings, prose };
}

/** One token is at most one thing, tried from the most specific shape to the least. */
function classify(token: string): Finding[] {
  const value = refang(token);
  const defanged = value !== token;
  const single =
    parseUrl(value, defanged) ??
    parseEmail(value) ??
    ipv4(value) ??
    ipv6(value) ??
    parseFileName(value) ??
    domain(value, defanged);
  return single === null ? findHashes(value) : [single];
}

function ipv4(value: string): Finding | null {
  const ip = parseIpv4(value);
  return ip === null ? null : { kind: 'ipv4', display: defangIpv4(ip) };
}

function ipv6(value: string): Finding | null {
  const ip = parseIpv6(value);
  return ip === null ? null : { kind: 'ipv6', display: defangIpv6(ip) };
}

function domain(value: string, defanged: boolean): Finding | null {
  const name = parseDomain(value, defanged);
  return name === null ? null : { kind: 'domain', display: capDisplay(defangDomain(name)) };
}
