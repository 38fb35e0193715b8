/**
 * auth: the door of every request. The adapter checks the Bot Framework token against signing keys it
 * fetches with a bound, and the tenant gate turns away other organisations; nothing else runs before both say yes.
 */
export { AuthenticatingAdapter, UnauthorizedRequestError, apologyInvokeResponse, createAdapter } from './adapter';
export { SigningKeysUnavailableError } from './signingKeys';
export { tenantGate } from './tenantGate';
export { pushTokenCheck } from './pushToken';
export type { PushAdmission } from './pushToken';
