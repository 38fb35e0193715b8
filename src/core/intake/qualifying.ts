import type { GraphAlert } from './graphShapes';

/** `air` (default): only alerts that show AIR acting; `all`: every new alert. */
export type IntakeMode = 'air' | 'all';

/** What AIR did to an evidence item, as remediationStatus says it: acted, or waiting for an analyst's approval. */
export const AIR_ACTED = ['remediated', 'prevented', 'blocked', 'pendingApproval'] as const;

export const AUTOMATED_INVESTIGATION = 'automatedInvestigation';

const acted = (status: unknown): boolean => typeof status === 'string' && (AIR_ACTED as readonly string[]).includes(status);

/** Whether an alert brings its incident to the channel. */
export function qualifies(alert: GraphAlert, mode: IntakeMode): boolean {
  if (mode === 'all') return true;
  if (alert.detectionSource === AUTOMATED_INVESTIGATION) return true;
  return Array.isArray(alert.evidence) && alert.evidence.some((item) => acted(item?.remediationStatus));
}

/** Defender incident ids are numbers; anything else is not looked up. */
export const INCIDENT_ID = /^[A-Za-z0-9_-]{1,40}$/;

export const isIncidentId = (value: unknown): value is string => typeof value === 'string' && INCIDENT_ID.test(value);
