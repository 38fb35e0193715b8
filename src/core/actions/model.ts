import type { VerdictId } from '../content';
import type { Evidence } from '../evidence';
import type { Judgement } from '../safety';

/**
 * What an analyst can have the bot do from an answer card, with their own identity. Evidence is
 * kept as the card shows it (defanged); it is refanged only when the request is built.
 */
export type DirectAction = SubmitUrl | SubmitEmail | ClassifyAlert | AllowIndicator | DeviceUndo | EmailUndo | AccountUndo;

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

/**
 * Undo what AIR did to a device (issue 27): release it from isolation, or lift the app restriction,
 * with Defender for Endpoint's machine actions. A device named but not yet known by its Defender id is
 * looked up by name before the confirmation, which then shows both.
 */
export interface DeviceUndo {
  readonly kind: 'unisolate-device' | 'unrestrict-device';
  /** The name as the card shows it (inert), and the Defender device id (40 hex digits) once known. */
  readonly device: { readonly name?: string; readonly id?: string };
  /** What the analyst said, from the server's state: the safety rule decides with it. */
  readonly judgement: Judgement;
}

/**
 * Move an email AIR remediated back to the inbox (Graph's analyzedEmails remediate, moveToInbox). The
 * API takes only the bot's application permission, so the analyst's membership of the approvers group
 * is checked with their own token first, in the same send.
 */
export interface EmailUndo {
  readonly kind: 'restore-email';
  /** The message's network message id (a GUID) and its recipient, as the card shows them. */
  readonly networkMessageId: string;
  readonly recipient: string;
  readonly approversGroupId: string;
  readonly judgement: Judgement;
}

/** An account as Defender for Identity knows it: the identity's id, and its account in one identity provider. */
export interface FoundAccount {
  readonly identityId: string;
  readonly accountId: string;
  /** `activeDirectory` or `okta`: the providers where Graph's invokeAction can enable an account. */
  readonly provider: 'activeDirectory' | 'okta';
  /** The display name and domain as Defender for Identity gives them, for the confirmation. */
  readonly name: string;
}

/**
 * Enable an account AIR disabled (Graph's identityAccounts invokeAction, enable), found by its
 * on-premises SID before the confirmation, which then shows the account.
 */
export interface AccountUndo {
  readonly kind: 'enable-account';
  /** The SID as the card shows it. */
  readonly sid: string;
  readonly account?: FoundAccount;
  readonly judgement: Judgement;
}

export const UNDO_KINDS = ['unisolate-device', 'unrestrict-device', 'restore-email', 'enable-account'] as const;
export type UndoKind = (typeof UNDO_KINDS)[number];
export const ACTION_KINDS = ['submit-url', 'submit-email', 'classify-alert', 'allow-indicator', ...UNDO_KINDS] as const;
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
