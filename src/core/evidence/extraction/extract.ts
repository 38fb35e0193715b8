import { distinctBy } from '../../distinct';
import { findDeviceNames } from '../recognisers/device';
import { capDisplay, defangDomain, defangIpv4, defangIpv6 } from '../defanging/display';
import { parseDomain } from '../recognisers/domain';
import { parseEmail } from '../recognisers/email';
import { parseFileName } from '../recognisers/file';
import type { Finding } from '../finding';
import { findHashes } from '../recognisers/hash';
import { findLabelledIds } from '../recognisers/ids';
import { parseIpv4, parseIpv6 } from '../recognisers/ip';
import { MAX_REFERENCES } from '../limits';
import { findReferences, parsePortalLink } from '../recognisers/portal';
import { refang } from '../defanging/refang';
import { tokenise } from './tokens';
import type { PortalReference } from '../types';
import { parseUrl } from '../recognisers/url';

export interface Extraction {
  /** Distinct findings in order of appearance; not yet capped. */
  readonly findings: readonly Finding[];
  /** Incidents, alerts and investigations in the analyst's own portal, distinct, in order; capped. */
  readonly references: readonly PortalReference[];
  /** The tokens that are neither evidence nor portal context: the analyst's own words, where cues are looked for. */
  readonly prose: readonly string[];
}

export function extractEvidence(text: string): Extraction {
  const tokens = tokenise(text);
  // The analyst's own portal links come first: a link to their incident is context, never a URL to report.
  const values = tokens.map(refang);
  const links = values.map(parsePortalLink);
  const perToken = tokens.map((token, i) => (links[i] === null ? classify(token, values[i] ?? token) : []));
  for (const [index, id] of findLabelledIds(tokens)) perToken[index] = [id];
  const context = new Map(links.flatMap((link, i) => (link?.reference ? [[i, link.reference] as const] : [])));
  const notProse = (i: number): boolean => links[i] !== null || context.has(i) || (perToken[i]?.length ?? 0) > 0;
  for (const [index, reference] of findReferences(tokens, notProse)) context.set(index, reference);
  for (const [index, name] of findDeviceNames(tokens, notProse)) {
    perToken[index] = [{ kind: 'device', display: name }];
  }
  const findings = distinctBy(perToken.flat(), (f) => `${f.kind} ${f.display}`);
  const prose = tokens.filter((_, i) => !notProse(i));
  return { findings, references: distinctReferences(tokens.flatMap((_, i) => context.get(i) ?? [])), prose };
}

function distinctReferences(references: readonly PortalReference[]): PortalReference[] {
  return distinctBy(references, (r) => `${r.kind} ${r.id.toLowerCase()}`).slice(0, MAX_REFERENCES);
}

/** One token is at most one thing, tried from the most specific shape to the least. */
function classify(token: string, value: string): Finding[] {
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
