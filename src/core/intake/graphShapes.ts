/**
 * The parts of Microsoft Graph's security API (v1.0 `alerts_v2` and `incidents`) the intake reads.
 * Everything is optional: Graph leaves out what it does not know, and the bot never trusts a shape.
 */

/** One evidence item; `@odata.type` says which kind (`#microsoft.graph.security.fileEvidence`, ...). */
export interface GraphEvidence {
  readonly '@odata.type'?: string;
  /** remediated, prevented, blocked, notFound; pendingApproval and others only with `Prefer: include-unknown-enum-members`. */
  readonly remediationStatus?: string;
  /** unknown, suspicious, malicious, noThreatsFound. */
  readonly verdict?: string;
  // analyzedMessageEvidence
  readonly networkMessageId?: string;
  readonly recipientEmailAddress?: string;
  readonly subject?: string;
  // mailboxEvidence
  readonly primaryAddress?: string;
  // fileEvidence
  readonly fileDetails?: { readonly fileName?: string; readonly sha256?: string };
  // deviceEvidence
  readonly mdeDeviceId?: string;
  readonly deviceDnsName?: string;
  // urlEvidence
  readonly url?: string;
  // userEvidence (and mailboxEvidence)
  readonly userAccount?: { readonly userPrincipalName?: string; readonly accountName?: string; readonly azureAdUserId?: string; readonly userSid?: string };
}

export interface GraphAlert {
  readonly id?: string;
  readonly incidentId?: string;
  readonly title?: string;
  readonly severity?: string;
  readonly status?: string;
  /** `automatedInvestigation` when AIR raised it. */
  readonly detectionSource?: string;
  readonly alertWebUrl?: string;
  readonly incidentWebUrl?: string;
  readonly lastUpdateDateTime?: string;
  readonly evidence?: readonly GraphEvidence[];
}

export interface GraphIncident {
  readonly id?: string;
  readonly displayName?: string;
  readonly severity?: string;
  readonly status?: string;
  readonly incidentWebUrl?: string;
  readonly lastUpdateDateTime?: string;
  readonly alerts?: readonly GraphAlert[];
}
