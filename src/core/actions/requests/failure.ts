import type { ActionKind } from '../model';
import { SERVICES, SERVICE_OF } from './services';

/** How a call failed, after its retries: the last status the service answered, or no answer at all. */
export type CallFailure =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterMs?: number }
  | { readonly kind: 'unreachable'; readonly attempts: number }
  /** The bot could not get its own application token (the email undo's API takes no other). */
  | { readonly kind: 'no-app-token' };

const MISSING: Readonly<Record<ActionKind, string>> = {
  'submit-url': 'the URL submission',
  'submit-email': 'the message (check the recipient and the message URL)',
  'classify-alert': 'the alert (check it is an alert of this tenant)',
  'allow-indicator': 'the indicators API',
  'unisolate-device': 'the device (check its id and your access to its device group)',
  'unrestrict-device': 'the device (check its id and your access to its device group)',
  'restore-email': 'the message (check its network message id and recipient)',
  'enable-account': 'the account (check its SID)',
};

/** A failed call in plain words: what went wrong, what the analyst or an admin can do, and that nothing was done. */
export function failureText(kind: ActionKind, failure: CallFailure): string {
  const service = SERVICES[SERVICE_OF[kind]];
  if (failure.kind === 'unreachable') return `${service.name} did not answer after ${failure.attempts} tries. Nothing was done; try again later.`;
  if (failure.kind === 'no-app-token') return `The bot could not get its own token for ${service.name}; an admin should check its identity and the permission ${service.permission}. Nothing was done.`;
  const { status } = failure;
  if (status === 401) return `${service.name} did not accept your sign-in (401). Sign in again; an admin must have granted the app the delegated permission ${service.permission}. Nothing was done.`;
  if (status === 403) return `${service.name} refused (403): you need the permission ${service.permission} (granted to the app by an admin) and the role ${service.role}. Nothing was done.`;
  if (status === 404) return `${service.name} found nothing for ${MISSING[kind]} (404). Nothing was done.`;
  if (status === 429) {
    const minutes = Math.max(1, Math.ceil((failure.retryAfterMs ?? 60_000) / 60_000));
    return `${service.name} is throttling requests (429). Nothing was done; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  if (status === 400 && SERVICE_OF[kind] === 'defender-machines') return `${service.name} refused (400): another action on this device is probably still in progress. Nothing new was done; see the Action center, then try again.`;
  if (status >= 500) return `${service.name} failed (${status}) each time it was tried. Nothing was done; try again later.`;
  return `${service.name} did not accept the request (${status}). Nothing was done.`;
}
