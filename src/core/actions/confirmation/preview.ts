import type { Evidence } from '../../evidence';
import { messageFacts } from '../../evidence/defanging/messageFacts';
import { escapeMarkdown } from '../../evidence/defanging/display';
import { DirectAction } from '../model';
import { requestValue } from '../requests/requestValue';
import type { OutgoingRequest } from '../requests/requests';

/** A request as a card shows it: the live item put back to its defanged display, never a token. */
export interface RequestPreview {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** The evidence an action carries, if any: what the card shows defanged where the request has it live. */
function evidenceOf(action: DirectAction): readonly Evidence[] {
  switch (action.kind) {
    case 'submit-url':
      return [action.url];
    case 'allow-indicator':
      return [action.evidence];
    case 'submit-email':
      return action.recipient === undefined ? [] : [{ kind: 'email', display: action.recipient }];
    case 'classify-alert':
      return [];
    case 'unisolate-device':
    case 'unrestrict-device':
      return [
        ...(action.device.name !== undefined ? [{ kind: 'device' as const, display: action.device.name }] : []),
        ...(action.device.id !== undefined ? [{ kind: 'mdeDeviceId' as const, display: action.device.id }] : []),
      ];
    case 'enable-account':
      return [{ kind: 'userSid', display: action.sid }];
    case 'restore-email':
      return [
        { kind: 'email', display: action.recipient },
        { kind: 'networkMessageId', display: action.networkMessageId },
      ];
  }
}

/** A body with every live item value put back to its inert display, at any depth (the email undo nests its message). */
function shownValue(value: unknown, shown: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return shown.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => shownValue(v, shown));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([field, v]) => [field, shownValue(v, shown)]));
  return value;
}

/** What the card shows for the item: the action's evidence, as inert text (an account found also by its name). */
export function itemShown(action: DirectAction): string {
  if (action.kind === 'enable-account' && action.account) return `${escapeMarkdown(action.account.name)} (${action.sid}, ${action.account.provider})`;
  if (action.kind === 'classify-alert') return messageFacts({ evidence: [], references: [{ kind: 'alert', id: action.alertId }] })[0]?.value ?? '';
  return messageFacts({ evidence: evidenceOf(action), references: [] })
    .map((fact) => fact.value)
    .join(', ');
}

/** The requests as the card shows them: every live item value replaced by its inert display. */
export function previewRequests(action: DirectAction, requests: readonly OutgoingRequest[]): RequestPreview[] {
  const shown = new Map<string, string>();
  for (const evidence of evidenceOf(action)) {
    const live = requestValue(evidence);
    const inert = messageFacts({ evidence: [evidence], references: [] })[0]?.value;
    if (live !== null && inert !== undefined) shown.set(live, inert);
  }
  return requests.map(({ method, path, body }) => ({ method, path, body: method === 'GET' ? '' : JSON.stringify(shownValue(body, shown), null, 2) }));
}
