import type { ActionKind } from '../model';

/** Where a request goes: the base URL of each comes from configuration. */
export type ServiceId = 'graph-beta' | 'graph-v1' | 'defender' | 'defender-machines' | 'graph-email' | 'graph-identities';

/** The services called with the Defender for Endpoint API's token and base URL; the rest are Microsoft Graph. */
export const isDefenderService = (service: ServiceId): boolean => service === 'defender' || service === 'defender-machines';

/** The service as the confirmation names it, and the delegated permission the analyst needs for it. */
export interface ServiceDescription {
  readonly name: string;
  readonly permission: string;
  /** The role that grants the action in the tenant, for a 403 answer in plain words. */
  readonly role: string;
}

export const SERVICES: Readonly<Record<ServiceId, ServiceDescription>> = {
  'graph-beta': {
    name: 'Microsoft Graph (beta), threat submissions: Microsoft Defender for Office 365',
    permission: 'ThreatSubmission.ReadWrite',
    role: 'Security Administrator, or Unified RBAC Security operations/Security data/Response (manage)',
  },
  'graph-v1': {
    name: 'Microsoft Graph, alerts: Microsoft Defender XDR',
    permission: 'SecurityAlert.ReadWrite.All',
    role: 'Security Operator or Security Administrator',
  },
  defender: {
    name: 'Microsoft Defender for Endpoint API, indicators',
    permission: 'Ti.ReadWrite',
    role: 'a Defender for Endpoint role that may manage indicators (Security settings)',
  },
  'defender-machines': {
    name: 'Microsoft Defender for Endpoint API, machine actions',
    permission: 'Machine.Isolate (release from isolation) or Machine.RestrictExecution (lift the app restriction)',
    role: 'a Defender for Endpoint role with "Active remediation actions", and access to the device\'s device group',
  },
  'graph-identities': {
    name: 'Microsoft Graph, identity accounts: Microsoft Defender for Identity',
    permission: 'SecurityIdentitiesActions.ReadWrite.All (and SecurityIdentitiesAccount.Read.All to find the account)',
    role: 'a Defender for Identity role that may take response actions (Unified RBAC: Security operations \\ Security data \\ Response (manage))',
  },
  'graph-email': {
    name: "Microsoft Graph, email remediation: Microsoft Defender for Office 365 (as this bot's application, after your approver check)",
    permission: 'SecurityAnalyzedMessage.ReadWrite.All (application) for the bot, and GroupMember.Read.All (delegated) for your check',
    role: 'membership of the approvers group the bot is set up with (UNDO_EMAIL_APPROVERS_GROUP_ID)',
  },
};

/** The service each action calls. */
export const SERVICE_OF: Readonly<Record<ActionKind, ServiceId>> = {
  'submit-url': 'graph-beta',
  'submit-email': 'graph-beta',
  'classify-alert': 'graph-v1',
  'allow-indicator': 'defender',
  'unisolate-device': 'defender-machines',
  'unrestrict-device': 'defender-machines',
  'restore-email': 'graph-email',
  'enable-account': 'graph-identities',
};
