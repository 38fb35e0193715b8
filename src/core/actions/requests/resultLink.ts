import type { ActionKind } from '../model';

const PORTAL = 'https://security.microsoft.com';
export const ACTION_CENTER_HISTORY = `${PORTAL}/action-center/history`;

/**
 * Where the analyst sees what the service made: the Submissions tab, the alert, or the indicators
 * list (the portal has no page per indicator). Undefined when the returned id cannot be put in a link.
 */
export function resultLink(kind: ActionKind, returnedId: string): string | undefined {
  switch (kind) {
    case 'submit-url':
      return `${PORTAL}/reportsubmission?viewid=url`;
    case 'submit-email':
      return `${PORTAL}/reportsubmission?viewid=email`;
    case 'classify-alert':
      return /^[A-Za-z0-9_-]{1,100}$/.test(returnedId) ? `${PORTAL}/alerts/${returnedId}` : undefined;
    case 'allow-indicator':
      return `${PORTAL}/securitysettings/endpoints/custom_ti_indicators`;
    case 'unisolate-device':
    case 'unrestrict-device':
    case 'enable-account':
      return ACTION_CENTER_HISTORY;
    case 'restore-email':
      // The remediation's Location is its own view of the Action center's history; anything else, the history itself.
      return returnedId.startsWith(`${PORTAL}/action-center/`) ? returnedId : ACTION_CENTER_HISTORY;
  }
}
