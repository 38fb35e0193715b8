/**
 * messageAction: "Report this" on a message. Its dialog, the text read from the selected message,
 * and the answer posted in the message's thread.
 */
export { continueReportDialog, openReportDialog } from './messageAction';
