import type { ItemId, ScenarioId, VerdictId } from '../content';

export const EVIDENCE_KINDS = [
  'url',
  'domain',
  'ipv4',
  'ipv6',
  'md5',
  'sha1',
  'sha256',
  'email',
  'file',
  'device',
  // Defender's own ids for what AIR acted on: a device (40 hex digits) and an email message (a GUID).
  'mdeDeviceId',
  'networkMessageId',
  // An account's on-premises security identifier (S-1-5-21-...), as Defender for Identity knows it.
  'userSid',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Something found in the analyst's text. `display` is defanged and inert: safe to show on a card. */
export interface Evidence {
  readonly kind: EvidenceKind;
  readonly display: string;
}

/**
 * Where the recogniser suggests the conversation should go: a row of one of the article's two
 * tables, or the undo walk-through.
 */
export type Proposal =
  | { readonly flow: 'report'; readonly item: ItemId; readonly verdict?: VerdictId }
  | { readonly flow: 'adjust'; readonly scenario: ScenarioId }
  | { readonly flow: 'undo' };

export const REFERENCE_KINDS = ['incident', 'alert', 'investigation'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Something in the analyst's own Defender portal (an incident, an alert): context, never evidence. */
export interface PortalReference {
  readonly kind: ReferenceKind;
  /** The id as the portal writes it; only letters, digits, `_` and `-`. */
  readonly id: string;
}

/** What a message was about: shown again on the answer, so a thread keeps it in view. */
export interface MessageContext {
  readonly evidence: readonly Evidence[];
  readonly references: readonly PortalReference[];
}

export type Confidence = 'sure' | 'unsure';

export interface Recognition {
  /** At most MAX_EVIDENCE items, in the order they appear in the text. */
  readonly evidence: readonly Evidence[];
  /** Incidents, alerts and investigations the message points to, at most MAX_REFERENCES. */
  readonly references: readonly PortalReference[];
  readonly proposal: Proposal | null;
  readonly confidence: Confidence;
  /** Other plausible choices, likeliest first; worth offering when unsure. */
  readonly alternatives: readonly Proposal[];
  /** Short phrases explaining the proposal, e.g. `a URL`, `the word "email"`. */
  readonly reasons: readonly string[];
}
