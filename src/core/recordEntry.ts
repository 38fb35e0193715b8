import { ACTION_KINDS, ActionKind } from './actions/model';
import { displayName } from './evidence/defanging/displayName';
import { BRANCH_IDS, BranchId, ITEM_IDS, ItemId, SCENARIO_IDS, ScenarioId, UNDO_STEP_COUNT, VERDICT_IDS, VerdictId } from './content';
import { MessageContext } from './evidence';
import { isMember, isRecord, parseMessageContext } from './flowState';

/**
 * Something an analyst finished, as the thread's record keeps it: a report or adjust answer shown,
 * an undo walk-through that reached its end, or one cancelled part-way (`step`: 0 is the permissions
 * check). `context` is what the analyst's message was about, when the answer came from the bot's proposal.
 */
export type Finished = (
  | { readonly kind: 'report'; readonly item: ItemId; readonly verdict: VerdictId }
  | { readonly kind: 'adjust'; readonly scenario: ScenarioId }
  | { readonly kind: 'undo'; readonly branch?: BranchId }
  | { readonly kind: 'undoCancelled'; readonly step: number; readonly branch?: BranchId }
  // "AIR was right" on an incident card (issue 26): nothing to report or undo, worth keeping on the record.
  | { readonly kind: 'airRight' }
  | FinishedAction
) & { readonly context?: MessageContext };

/**
 * A direct action confirmed from Teams: a dry run, done with the id the service returned, not done (the
 * service refused or failed), or cut off by a restart while sending. `item` is defanged.
 */
export interface FinishedAction {
  readonly kind: 'action';
  readonly action: ActionKind;
  readonly item: string;
  /** `denied`: the email undo's approver check said no. A failed machine action keeps the id Defender gave it. */
  readonly result: { readonly kind: 'dry-run' | 'interrupted' | 'denied' } | { readonly kind: 'failed'; readonly returnedId?: string } | { readonly kind: 'done'; readonly returnedId: string };
}

/** One line of a record: who finished what, and when (epoch ms). The name comes from the activity. */
export interface RecordEntry {
  readonly at: number;
  readonly by: { readonly id: string; readonly name: string };
  readonly finished: Finished;
}

/** The record is kept this long per thread, newest first; older entries drop off the end. */
export const MAX_STORED_ENTRIES = 500;
/** An identical entry by the same analyst this soon after the last is a double click, not new work. */
const REPEAT_WINDOW_MS = 60_000;
export const MAX_NAME_CHARS = 60;

/** An analyst's display name as the record shows it (see displayName): no markup, link or address can survive into a card. */
export const plainName = (name: unknown): string => displayName(name, MAX_NAME_CHARS) || 'An analyst';

/** The record with `entry` first; a repeat of the analyst's last entry within a minute is left out. */
export function withEntry(entries: readonly RecordEntry[], entry: RecordEntry): RecordEntry[] {
  const latest = entries.find((e) => e.by.id === entry.by.id);
  const repeat = latest && entry.at - latest.at < REPEAT_WINDOW_MS && JSON.stringify(latest.finished) === JSON.stringify(entry.finished);
  if (repeat) return [...entries];
  return [entry, ...entries].sort((a, b) => b.at - a.at).slice(0, MAX_STORED_ENTRIES);
}

/** Reads entries back from storage: each is rebuilt from checked fields, and one that does not fit is dropped. */
export function parseEntries(stored: unknown): RecordEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((e) => {
    const entry = parseEntry(e);
    return entry ? [entry] : [];
  });
}

function parseEntry(stored: unknown): RecordEntry | undefined {
  if (!isRecord(stored) || !isRecord(stored.by) || typeof stored.by.id !== 'string' || typeof stored.at !== 'number') return undefined;
  const finished = parseFinished(stored.finished);
  return finished && Number.isFinite(stored.at) ? { at: stored.at, by: { id: stored.by.id, name: plainName(stored.by.name) }, finished } : undefined;
}

function parseFinished(stored: unknown): Finished | undefined {
  if (!isRecord(stored)) return undefined;
  const context = stored.context === undefined ? undefined : parseMessageContext(stored.context);
  if (stored.context !== undefined && !context) return undefined;
  const withContext = context ? { context } : {};
  const branch = isMember(BRANCH_IDS, stored.branch) ? { branch: stored.branch } : {};
  switch (stored.kind) {
    case 'report':
      return isMember(ITEM_IDS, stored.item) && isMember(VERDICT_IDS, stored.verdict)
        ? { kind: 'report', item: stored.item, verdict: stored.verdict, ...withContext }
        : undefined;
    case 'adjust':
      return isMember(SCENARIO_IDS, stored.scenario) ? { kind: 'adjust', scenario: stored.scenario, ...withContext } : undefined;
    case 'undo':
      return { kind: 'undo', ...branch, ...withContext };
    case 'undoCancelled': {
      const { step } = stored;
      const fits = typeof step === 'number' && Number.isInteger(step) && step >= 0 && step <= UNDO_STEP_COUNT;
      return fits ? { kind: 'undoCancelled', step, ...branch, ...withContext } : undefined;
    }
    case 'airRight':
      return { kind: 'airRight', ...withContext };
    case 'action':
      return parseFinishedAction(stored);
    default:
      return undefined;
  }
}

function parseFinishedAction(stored: Record<string, unknown>): FinishedAction | undefined {
  const { action, item, result } = stored;
  if (!isMember(ACTION_KINDS, action) || typeof item !== 'string' || item.length > 1000 || !isRecord(result)) return undefined;
  const idFits = typeof result.returnedId === 'string' && result.returnedId.length <= 200;
  if (result.kind === 'failed') return { kind: 'action', action, item, result: idFits ? { kind: 'failed', returnedId: result.returnedId as string } : { kind: 'failed' } };
  if (result.kind === 'dry-run' || result.kind === 'interrupted' || result.kind === 'denied') return { kind: 'action', action, item, result: { kind: result.kind } };
  return result.kind === 'done' && idFits ? { kind: 'action', action, item, result: { kind: 'done', returnedId: result.returnedId as string } } : undefined;
}
