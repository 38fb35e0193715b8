import { MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder-core';
import { parseCardAction } from '../../core/cardActions';
import { renderCard } from '../../core/cards/render';
import { Finished } from '../../core/recordEntry';
import { FlowDependencies, offerStateFor, readEvidence, respond } from '../../core/flow/conversation';
import { View } from '../../core/views';
import { Logger } from '../../ops/logger';
import type { StateStore } from '../../storage/stateStore';
import { cardFor, listPostedCard } from '../conversation';
import { closedDialog, dialogWithCard, dialogWithMessage } from './messageActionDialog';
import { selectedMessageText } from './messageActionText';
import { postInConversation, threadOf } from './messageActionThread';
import { RecordKeeper } from '../record';
import { refusedClickReply } from '../turns';

/**
 * The "Report false positive/negative" message action. Its dialog opens on what the bot read in
 * the selected message, and walks through the report or adjust questions; the answer is posted
 * where the message is, for everyone working on it, and shown in the dialog only where the bot
 * cannot post. Each step's button carries all it needs, so the dialog keeps no state.
 */

/** The manifest's id for the action (composeExtensions[0].commands[0].id). */
const REPORT_COMMAND_ID = 'reportFalsePositiveNegative';

export const NOTHING_FOUND_NOTICE = 'I found nothing I recognise in that message. Choose what AIR missed or wrongly detected.';
export const UNDO_IN_CHAT_REPLY = 'Undoing a remediation is a walk-through of several steps: send me undo in a chat to start it.';
export const NOT_POSTED_NOTICE = 'I could not post in that conversation (am I added to it?), so here is the answer.';
const UNKNOWN_COMMAND_REPLY = 'I do not know that action. Send me help to see what I can do.';

/** The dialog never starts an undo walk-through (it points to the chat), so no walk id is ever shown. */
const DIALOG_FLOW: FlowDependencies = { newWalkId: () => 'dialog' };

/** `composeExtension/fetchTask`: the dialog opens on the proposal for the selected message, or the report question. */
export function openReportDialog(action: MessagingExtensionAction): MessagingExtensionActionResponse {
  if (action.commandId !== REPORT_COMMAND_ID) return dialogWithMessage(UNKNOWN_COMMAND_REPLY);
  const view: View = readEvidence(selectedMessageText(action.messagePayload)) ?? { card: 'chooseItem', notice: NOTHING_FOUND_NOTICE };
  return dialogWithCard(renderCard(view));
}

/** What an answer posted in a thread is kept in: the analyst's record there lists its card, the thread's record notes it. */
export interface ThreadKeeping {
  readonly storage: StateStore;
  readonly record: RecordKeeper;
}

/** `composeExtension/submitAction`: a button in the dialog was clicked. */
export async function continueReportDialog(
  context: TurnContext,
  action: MessagingExtensionAction,
  log: Logger,
  keeping?: ThreadKeeping,
): Promise<MessagingExtensionActionResponse> {
  if (action.commandId !== REPORT_COMMAND_ID) return dialogWithMessage(UNKNOWN_COMMAND_REPLY);
  const parsed = parseCardAction(action.data);
  if (!parsed.ok) return dialogWithMessage(refusedClickReply(parsed.problem));
  // The dialog keeps no state: the offer is read again from the selected message (never from the click), so the
  // posted answer shows what that message was about.
  const offered = offerStateFor(readEvidence(selectedMessageText(action.messagePayload)));
  const { view, finished } = respond(offered, { kind: 'action', action: parsed.action }, DIALOG_FLOW);
  switch (view.card) {
    case 'chooseItem':
    case 'chooseVerdict':
    case 'chooseScenario':
      return dialogWithCard(renderCard(view));
    case 'reportAnswer':
    case 'adjustAnswer':
      return postAnswer(context, action, view, log, keeping && keptIn(keeping, log, finished));
    case 'undoPermissions':
      return dialogWithMessage(UNDO_IN_CHAT_REPLY);
    default:
      // Cancel and anything else that belongs to the chat close the dialog.
      return closedDialog();
  }
}

/** Once the answer is in the thread: its card listed as one for anyone, posted for this analyst; what they finished noted. */
function keptIn(keeping: ThreadKeeping, log: Logger, finished: Finished | undefined): (thread: TurnContext, messageId: string | undefined) => Promise<void> {
  return async (thread: TurnContext, messageId: string | undefined): Promise<void> => {
    if (messageId) {
      await listPostedCard(keeping.storage, thread.activity, messageId, false).catch((error: unknown) =>
        log.error({ err: error }, 'posted answer not listed: clicks on its buttons will be refused'),
      );
    }
    if (finished) await keeping.record.note(thread, finished);
  };
}

async function postAnswer(
  context: TurnContext,
  action: MessagingExtensionAction,
  answer: View,
  log: Logger,
  afterPost?: (threadContext: TurnContext, messageId: string | undefined) => Promise<void>,
): Promise<MessagingExtensionActionResponse> {
  const card = cardFor(context.activity, answer);
  const thread = threadOf(context.activity, action.messagePayload);
  if (thread && (await postInConversation(context, thread, card, log, afterPost))) return closedDialog();
  return dialogWithCard(renderCard({ ...answer, notice: NOT_POSTED_NOTICE }));
}
