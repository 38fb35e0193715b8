/**
 * record: the thread's record of what analysts finished (its card, its store) and the copy for a ticket.
 */
export { recordCopyDialog } from './recordCopy';
export { RecordKeeper } from './recordKeeper';
