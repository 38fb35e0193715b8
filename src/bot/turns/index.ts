/**
 * turns: one authenticated activity becomes one turn. Incoming activities are read into the core's
 * input, the dialog and the flow runner ask the core for the next view and save the state before
 * anything is shown, and the reply texts the bot's own problems use are here.
 */
export { FlowRunner } from './flowRunner';
export type { ActionToSend } from './flowRunner';
export { MAX_TEXT_LENGTH, readExecute, readMessage } from './incoming';
export type { IncomingTurn } from './incoming';
export { ALREADY_HANDLED_REPLY, STORAGE_BUSY_REPLY, STORAGE_DOWN_REPLY, UNKNOWN_CARD_REPLY, foreignCardReply, refusedClickReply } from './replies';
export { summariseTurn } from './turnSummary';
export { channelSeen } from './channelSeen';
