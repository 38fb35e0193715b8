import type { ActionKind } from '../model';

/** Where a request goes: the base URL of each comes from configuration. */
export type ServiceId = 'graph-beta' | 'graph-v1' | 'defender';

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
};

/** The service each action calls. */
export const SERVICE_OF: Readonly<Record<ActionKind, ServiceId>> = {
  'submit-url': 'graph-beta',
  'submit-email': 'graph-beta',
  'classify-alert': 'graph-v1',
  'allow-indicator': 'defender',
};
