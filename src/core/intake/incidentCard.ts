import { button, Button, link, LinkButton, primary } from '../cards/buttons';
import { AdaptiveCard, expandTemplate } from '../cards/templates';
import { displayName } from '../evidence/defanging/displayName';
import { ACTION_CENTER_HISTORY } from '../today';
import { INCIDENT_PATH_MISSED, INCIDENT_PATH_RECURRING, INCIDENT_PATH_RIGHT, INCIDENT_PATH_UNDO, IncidentPath } from '../wireNames';
import { entitiesOf, evidenceOf, IncidentEntity, primaryEntity } from './entities';
import type { GraphIncident } from './graphShapes';

/** An incident as its thread's card shows it: read from Graph, every value shown defanged. */
export interface IncidentView {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly status: string;
  readonly entities: readonly IncidentEntity[];
  readonly incidentUrl?: string;
  readonly alertUrl?: string;
}

const MAX_TITLE_CHARS = 200;
const PORTAL = /^https:\/\/security\.microsoft\.com\//;
/** Only links into the Defender portal: a URL Graph returns elsewhere is left off. */
const portalLink = (value: unknown): string | undefined => (typeof value === 'string' && PORTAL.test(value) ? value : undefined);
const word = (value: unknown, fallback: string): string => displayName(value, 40) || fallback;

export function incidentViewOf(id: string, incident: GraphIncident): IncidentView {
  const alerts = Array.isArray(incident.alerts) ? incident.alerts : [];
  const incidentUrl = portalLink(incident.incidentWebUrl) ?? portalLink(alerts[0]?.incidentWebUrl);
  const alertUrl = alerts.map((alert) => portalLink(alert.alertWebUrl)).find((url) => url !== undefined);
  return {
    id,
    title: displayName(incident.displayName, MAX_TITLE_CHARS) || `Incident ${id}`,
    severity: word(incident.severity, 'unknown'),
    status: word(incident.status, 'unknown'),
    entities: entitiesOf(alerts),
    ...(incidentUrl ? { incidentUrl } : {}),
    ...(alertUrl ? { alertUrl } : {}),
  };
}

const KIND_LABELS: Readonly<Record<IncidentEntity['kind'], string>> = { email: 'Email', file: 'File', device: 'Device', url: 'URL', user: 'User' };

/** remediationStatus in words; one Graph adds later is shown as it comes. */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  remediated: 'AIR remediated it',
  prevented: 'AIR prevented it',
  blocked: 'AIR blocked it',
  pendingApproval: 'AIR waits for approval',
  notFound: 'not found (nothing to remediate)',
  none: 'no action',
};

const PATH_TITLES: Readonly<Record<IncidentPath, string>> = {
  [INCIDENT_PATH_RIGHT]: 'AIR was right',
  [INCIDENT_PATH_UNDO]: 'It was clean: undo it',
  [INCIDENT_PATH_MISSED]: 'Something was missed',
  [INCIDENT_PATH_RECURRING]: 'Stop it recurring',
};

function pathButtons(view: IncidentView): Button[] {
  const entity = primaryEntity(view.entities);
  if (!entity) return [];
  const { kind, display } = evidenceOf(entity);
  return (Object.keys(PATH_TITLES) as IncidentPath[]).map((path) => {
    const b = button(PATH_TITLES[path], { verb: 'intake.path', path, incident: view.id, kind, display });
    return path === INCIDENT_PATH_UNDO ? primary(b) : b;
  });
}

function links(view: IncidentView): LinkButton[] {
  return [
    ...(view.incidentUrl ? [link('Open the incident', view.incidentUrl)] : []),
    ...(view.alertUrl ? [link('Open the alert', view.alertUrl)] : []),
    link(ACTION_CENTER_HISTORY.title, ACTION_CENTER_HISTORY.url),
  ];
}

/** The template's data: plain values only. */
export function incidentCardData(view: IncidentView): object {
  return {
    title: view.title,
    summary: `Incident ${view.id} · severity ${view.severity} · ${view.status}`,
    entities: view.entities.map((entity) => ({
      what: `${KIND_LABELS[entity.kind]}: ${entity.display}`,
      ...(entity.detail ? { detail: entity.detail } : {}),
      outcome: `${ACTION_WORDS[entity.action] ?? word(entity.action, 'no action')} · verdict: ${word(entity.verdict, 'unknown')}`,
    })),
    empty: view.entities.length === 0 ? 'Graph named no entity AIR acted on.' : undefined,
    buttons: pathButtons(view),
    links: links(view),
  };
}

export const renderIncidentCard = (view: IncidentView): AdaptiveCard => expandTemplate('incident', incidentCardData(view));
