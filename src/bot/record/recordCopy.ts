import { CardFactory, TaskModuleRequest, TaskModuleResponse, TurnContext } from 'botbuilder-core';
import { RECORD_COPY_VERB, recordCopyCard } from '../../core/cards/recordCard';
import { RecordKeeper } from './recordKeeper';
import { StorageUnavailableError } from '../../storage/errors';
import { STORAGE_DOWN_REPLY } from '../turns';

const UNKNOWN_DIALOG_REPLY = 'I do not know that dialog. Send me help to see what I can do.';

const message = (text: string): TaskModuleResponse => ({ task: { type: 'message', value: text } });

/**
 * `task/fetch` from the record card's "Copy for the ticket": a dialog with the whole record as plain
 * text. Which record is decided by where the click came from (the thread, or the analyst's own in a
 * 1:1 chat), never by the button's data.
 */
export async function recordCopyDialog(context: TurnContext, request: TaskModuleRequest | undefined, keeper: RecordKeeper, now: number): Promise<TaskModuleResponse> {
  const data = request?.data as { verb?: unknown } | undefined;
  if (data?.verb !== RECORD_COPY_VERB) return message(UNKNOWN_DIALOG_REPLY);
  try {
    const { scope, entries } = await keeper.entriesFor(context.activity);
    const card = CardFactory.adaptiveCard(recordCopyCard(scope, entries, now));
    return { task: { type: 'continue', value: { title: 'Copy for the ticket', width: 'large', height: 'large', card } } };
  } catch (error) {
    if (error instanceof StorageUnavailableError) return message(STORAGE_DOWN_REPLY);
    throw error;
  }
}
