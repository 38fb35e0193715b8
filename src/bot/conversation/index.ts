/**
 * conversation: what is stored per analyst and conversation (the dialog's state, replies claimed but not
 * yet sent, the cards posted for the analyst) and who owns a clicked card.
 */
export { cardFor, clickedCardOf, listPostedCard } from './cardOwnership';
export type { ClickedCard } from './cardOwnership';
export { FLOW_DIALOG_ID, RECORD_VERSION, cardListsOf, listCard, readRecord, recordKey, remember } from './conversationRecord';
export type { ConversationRecord, LoadedRecord, PendingReply } from './conversationRecord';
export { tenantOf } from './tenantOf';
