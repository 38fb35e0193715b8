import { EvidenceKind, MessageContext, ReferenceKind } from '..';
import { escapeMarkdown } from './display';

/** What the analyst's message named, as facts for a card: the evidence (inert) and their portal's ids. */

const KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  url: 'URL',
  domain: 'Domain',
  ipv4: 'IP address',
  ipv6: 'IPv6 address',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  email: 'Email address',
  file: 'File',
  device: 'Device',
  mdeDeviceId: 'Device id',
  networkMessageId: 'Network message id',
  userSid: 'Account SID',
};

const REFERENCE_LABELS: Readonly<Record<ReferenceKind, string>> = {
  incident: 'Incident',
  alert: 'Alert',
  investigation: 'Investigation',
};

/**
 * Displays come defanged, but a URL's keeps its scheme separator (`hxxps://`), which some clients
 * still read as the start of a link; bracketed like the dots, nothing the analyst sent can become one.
 */
const inert = (display: string): string => display.split('://').join('[://]');

/**
 * What the analyst's message named, one `label: value` line each. Cards show these as wrapping text,
 * not as a FactSet: a FactSet is a table, and one long unbroken id or URL widens it past a phone's screen.
 */
export function messageFacts({ evidence, references }: MessageContext): { label: string; value: string }[] {
  return [
    ...references.map((r) => ({ label: REFERENCE_LABELS[r.kind], value: escapeMarkdown(r.id) })),
    ...evidence.map((e) => ({ label: KIND_LABELS[e.kind], value: inert(e.display) })),
  ];
}
