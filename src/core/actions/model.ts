import type { VerdictId } from '../content';
import type { Evidence } from '../evidence';
import type { Judgement } from '../safety';

/**
 * What an analyst can have the bot do from an answer card, with their own identity. Evidence is
 * kept as the card shows it (defanged); it is refanged only when the request is built.
 */
export type DirectAction = SubmitUrl | SubmitEmail | ClassifyAlert | AllowIndicator;

/** For a false negative the analyst picks what the item really is. */
export const THREAT_CATEGORIES = ['phishing', 'malware', 'spam'] as const;
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];

/** Report a URL to Microsoft (Defender for Office 365 submissions). */
export interface SubmitUrl {
  readonly kind: 'submit-url';
  readonly url: Evidence;
  readonly verdict: VerdictId;
  readonly category?: ThreatCategory;
}

/**
 * Report an email message to Microsoft. The API finds the message by its recipient and the
 * message's Graph URL; the card asks for them when the analyst has not given them.
 */
export interface SubmitEmail {
  readonly kind: 'submit-email';
  readonly verdict: VerdictId;
  readonly category?: ThreatCategory;
  readonly recipient?: string;
  readonly messageUrl?: string;
}

/** Resolve an alert the analyst named, with a classification and a comment linking the thread. */
export interface ClassifyAlert {
  readonly kind: 'classify-alert';
  readonly alertId: string;
  readonly verdict: VerdictId;
  readonly category?: ThreatCategory;
}

/** A Defender for Endpoint indicator with the Allow action, for an item wrongly treated as malware. */
export interface AllowIndicator {
  readonly kind: 'allow-indicator';
  readonly evidence: Evidence;
  /** What the analyst said, from the server's state: never from the card's data. */
  readonly judgement: Judgement;
  /** Days until the indicator expires: 1 to 30, default 30. */
  readonly expiryDays?: number;
  /** A SHA-1 that is a certificate's thumbprint rather than a file's. */
  readonly certificate?: boolean;
}

export const ACTION_KINDS = ['submit-url', 'submit-email', 'classify-alert', 'allow-indicator'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The thread an action came from: named in the comment, the title and the description. */
export interface ActionOrigin {
  /** The Teams thread's name as the card may show it (a chat or channel name). */
  readonly threadName: string;
  /** A link to the Teams thread (https), for the alert's comment. */
  readonly threadUrl: string;
  /** The analyst's name as Teams gives it. */
  readonly analyst: string;
  /** Milliseconds since the epoch. */
  readonly now: number;
}

export const DEFAULT_INDICATOR_DAYS = 30;
