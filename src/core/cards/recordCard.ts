import { AdaptiveCard, expandTemplate } from './templates';
import { RecordEntry } from '../recordEntry';
import { entryWords, recordPlainText, relativeTime, utcTime } from './recordText';
import { RecordView } from '../views';
import { TASK_FETCH_INVOKE } from '../wireNames';

/** The card shows this many entries, newest first; the copy for the ticket has them all. */
export const RECORD_CARD_ENTRIES = 15;

/** The verb of the "Copy for the ticket" button: Teams sends it as a `task/fetch` invoke. */
export const RECORD_COPY_VERB = 'record.copy';

export const RECORD_TITLES: Readonly<Record<RecordView['scope'], string>> = {
  thread: 'Incident record',
  mine: 'Your recent entries',
};

/** A record view of `entries` (newest first) drawn at `asOf`. */
export function recordView(scope: RecordView['scope'], entries: readonly RecordEntry[], asOf: number): RecordView {
  return { card: 'record', scope, entries: entries.slice(0, RECORD_CARD_ENTRIES), total: entries.length, asOf };
}

function summary({ scope, entries, total, asOf }: RecordView): string {
  const count = `${total} ${total === 1 ? 'thing' : 'things'} finished ${scope === 'thread' ? 'in this thread' : 'by you, in every chat and thread'}`;
  const shown = total > entries.length ? ` Showing the newest ${entries.length}; **Copy for the ticket** has all ${total}.` : '';
  return `${count}, newest first. Updated ${utcTime(asOf)}.${shown}`;
}

/** The record card's data: only values, bound into cards/record.json. */
export function recordCardData(view: RecordView) {
  const title = RECORD_TITLES[view.scope];
  if (view.movedBelow) {
    return { title, summary: 'This record moved below: the latest card from me in this thread keeps it from now on.', entries: [] };
  }
  return {
    title,
    summary: summary(view),
    entries: view.entries.map(({ at, by, finished }) => ({
      who: `**${by.name}**, ${utcTime(at)} (${relativeTime(at, view.asOf)})`,
      ...entryWords(finished),
    })),
    copy: { title: 'Copy for the ticket', data: { msteams: { type: TASK_FETCH_INVOKE }, verb: RECORD_COPY_VERB } },
  };
}

/** The copy dialog's card: the whole record as plain text in a box, to select and paste into a ticket. */
export function recordCopyCard(scope: RecordView['scope'], entries: readonly RecordEntry[], asOf: number): AdaptiveCard {
  const intro =
    entries.length === 0
      ? 'Nothing is in this record yet: it starts when someone finishes a report, an alert adjustment or an undo walk-through here.'
      : 'Select all the text below and copy it into the incident\'s comment or your ticket.';
  return expandTemplate('recordCopy', { intro, label: RECORD_TITLES[scope], text: recordPlainText(RECORD_TITLES[scope], entries, asOf) });
}
