import { ACTION_TITLES } from './actionCards';
import { BRANCHES, ITEMS, SCENARIOS, VERDICTS } from '../content';
import { escapeMarkdown } from '../evidence/defanging/display';
import { messageFacts } from '../evidence/defanging/messageFacts';
import { positionName } from '../flow/undoWalk';
import { Finished, FinishedAction, RecordEntry } from '../recordEntry';
import { adjustPathToday, reportPathToday } from '../today';

/**
 * An entry in words, shared by the record card and its plain-text copy. Texts may hold card
 * markdown (**bold**, escaped characters); `plainText` removes it for the copy.
 */
export interface EntryWords {
  readonly headline: string;
  readonly verdict?: string;
  readonly outcome: string;
  /** What the analyst's message was about: the incident or alert, and the evidence, defanged. */
  readonly about?: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function entryWords(finished: Finished): EntryWords {
  const facts = finished.context ? messageFacts(finished.context) : [];
  const about = facts.length > 0 ? { about: facts.map((f) => `${f.label}: ${f.value}`).join('; ') } : {};
  return { ...whatFinished(finished), ...about };
}

function whatFinished(finished: Finished): Omit<EntryWords, 'about'> {
  switch (finished.kind) {
    case 'report': {
      const verdict = VERDICTS[finished.verdict];
      return {
        headline: `Reported to Microsoft: ${ITEMS[finished.item].label}`,
        verdict: `${verdict.label} (${verdict.term})`,
        outcome: `Submit in ${reportPathToday(finished.item, finished.verdict).where}`,
      };
    }
    case 'adjust':
      return {
        headline: 'Stopped an alert recurring',
        verdict: SCENARIOS[finished.scenario].label,
        outcome: `Tune in ${adjustPathToday(finished.scenario).where}`,
      };
    case 'undo':
      return {
        headline: `Walked through undoing a remediation${branchPhrase(finished)}`,
        outcome: 'Reached the last step: **Delete remediation** (today: **Undo** in the Action center)',
      };
    case 'undoCancelled':
      return {
        headline: `Cancelled the undo walk-through${branchPhrase(finished)}`,
        outcome: `Stopped at ${positionName(finished.step)}; nothing was undone through it`,
      };
    case 'airRight':
      return { headline: 'Confirmed AIR was right', outcome: 'Nothing to report or undo' };
    case 'action':
      return {
        headline: `From Teams: ${ACTION_TITLES[finished.action]}`,
        verdict: `Item: ${finished.item}`,
        outcome: actionOutcome(finished.result),
      };
  }
}

function actionOutcome(result: FinishedAction['result']): string {
  switch (result.kind) {
    case 'dry-run':
      return 'Dry run: nothing was sent';
    case 'failed':
      return result.returnedId !== undefined
        ? `Not done: the service took it (id ${escapeMarkdown(result.returnedId)}) and then reported it failed`
        : 'Not done: the service refused or failed (the result card said why); nothing changed';
    case 'denied':
      return 'Refused: not a member of the approvers group; nothing was moved';
    case 'interrupted':
      return 'Not known whether it was sent: the bot stopped while sending; check in the Defender portal';
    case 'done':
      return `Done; the service returned the id ${escapeMarkdown(result.returnedId)}`;
  }
}

function branchPhrase(finished: { branch?: keyof typeof BRANCHES }): string {
  return finished.branch ? ` (investigation about ${BRANCHES[finished.branch].about})` : '';
}

/** A moment as the record writes it: `2026-12-01 19:09 UTC`. */
export const utcTime = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** How long before `now` a moment was, in the words a thread reads at a glance. */
export function relativeTime(at: number, now: number): string {
  const ago = Math.max(0, now - at);
  if (ago < MINUTE_MS) return 'just now';
  if (ago < HOUR_MS) return `${Math.floor(ago / MINUTE_MS)} min ago`;
  if (ago < DAY_MS) return `${Math.floor(ago / HOUR_MS)} h ago`;
  const days = Math.floor(ago / DAY_MS);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** Card markdown to plain words: no bold markers, no escaping backslashes. */
const plainText = (text: string): string => text.replaceAll('**', '').replace(/\\(.)/g, '$1');

const ENTRY_FIELDS = ['verdict', 'outcome', 'about'] as const;

/**
 * The record as plain text for an incident comment or a ticket: one paragraph per entry, newest
 * first, every entry kept (the card shows only the newest).
 */
export function recordPlainText(title: string, entries: readonly RecordEntry[], asOf: number): string {
  const header = `${title}: ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, newest first, as of ${utcTime(asOf)}`;
  const lines = entries.map(({ at, by, finished }) => {
    const words = entryWords(finished);
    const details = ENTRY_FIELDS.flatMap((field) => (words[field] ? [`  ${plainText(words[field])}`] : []));
    return [`- ${utcTime(at)}, ${by.name}: ${plainText(words.headline)}`, ...details].join('\n');
  });
  return [header, ...lines].join('\n\n');
}
