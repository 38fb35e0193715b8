/**
 * delivery: getting a view to Teams. Cards posted or updated in place, invoke answers, the connector
 * client cache, time-outs and retries, and replies saved as pending with the state, so a crash cannot lose or double them.
 */
export { cardAttachment, cardInvokeResponse, messageInvokeResponse, postCard, replaceCard, textInvokeResponse } from './cardReplies';
export { RetryingBotFrameworkAuthentication } from './connectorRetry';
export { PendingReplies, pendingOf, savedWith } from './pendingReplies';
export type { ClaimedReply } from './pendingReplies';
export { afterReplyTracked } from './afterReply';
export type { AfterReply, Track } from './afterReply';
