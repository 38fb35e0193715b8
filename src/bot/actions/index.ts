/**
 * actions: acting on the tenant as the analyst (DIRECT_ACTIONS). Sign-in and the analyst's tokens,
 * confirmed requests sent to Graph and Defender, and their results.
 */
export { ConfirmedActions } from './confirmedActions';
export type { ActionCallSettings } from './confirmedActions';
export { AnalystSignIn } from './signIn';
