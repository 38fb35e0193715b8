import type { ActionConfirmView, ActionOutcome, ActionResultView } from './actionViews';
import { ActionOrigin, DirectAction } from '../model';
import { itemShown, previewRequests } from './preview';
import { buildRequests, OutgoingRequest } from '../requests/requests';
import { SERVICE_OF, SERVICES } from '../requests/services';

/** A confirmation left this long is no longer honoured: the analyst asks again and reads it again. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;
/**
 * A send takes at most about 40 s (three tries of 10 s and their waits). One still "sending" after
 * this was cut off by a restart: it is settled as interrupted rather than shown as sending forever.
 */
export const SEND_DEADLINE_MS = 3 * 60_000;

/**
 * An action waiting for, or past, the analyst's confirmation, kept in their state. The key is its
 * idempotency key: a click or re-delivery with it after the first confirm never sends again.
 */
export interface PendingAction {
  readonly key: string;
  readonly action: DirectAction;
  readonly origin: ActionOrigin;
  readonly dryRun: boolean;
  readonly stage: 'awaiting' | 'sending' | 'settled';
  /** When sending started (epoch ms), to tell a send in progress from one a restart cut off. */
  readonly sentAt?: number;
  readonly outcome?: ActionOutcome;
}

/** A turn's answer: the pending action to keep (undefined: none), the view, and requests to send, if any. */
export interface ActionStep {
  readonly pending: PendingAction | undefined;
  readonly view: ActionConfirmView | ActionResultView;
  readonly send?: readonly OutgoingRequest[];
}

/** The analyst asked for an action: a confirmation showing what would be sent, or why it cannot be. */
export function propose(action: DirectAction, origin: ActionOrigin, key: string, dryRun: boolean): ActionStep {
  const built = buildRequests(action, origin);
  if (!built.ok) return { pending: undefined, view: { card: 'actionResult', kind: action.kind, item: itemShown(action), outcome: { kind: 'refused', text: built.refusal.text } } };
  const view: ActionConfirmView = {
    card: 'actionConfirm',
    key,
    kind: action.kind,
    dryRun,
    service: SERVICES[SERVICE_OF[action.kind]].name,
    analyst: origin.analyst,
    item: itemShown(action),
    requests: previewRequests(action, built.requests),
  };
  return { pending: { key, action, origin, dryRun, stage: 'awaiting' }, view };
}

/**
 * Confirm. Only an awaiting confirmation under 10 minutes old sends, and only once: a double click or
 * a re-delivered click finds it sending or settled and answers with that. A dry run settles at once.
 */
export function confirm(pending: PendingAction | undefined, key: string, now: number): ActionStep {
  const known = pending?.key === key ? pending : undefined;
  if (known === undefined) return unknown(pending);
  if (known.stage !== 'awaiting') return whereItStands(known, now);
  if (now - known.origin.now > CONFIRMATION_TTL_MS) return settleAs(known, { kind: 'expired' });
  const built = buildRequests(known.action, known.origin);
  if (!built.ok) return settleAs(known, { kind: 'refused', text: built.refusal.text });
  if (known.dryRun) return settleAs(known, { kind: 'dry-run' });
  const sending: PendingAction = { ...known, stage: 'sending', sentAt: now };
  return { pending: sending, view: resultOf(sending), send: built.requests };
}

/** Cancel: nothing is sent. Too late once sending has started; then the click shows where it stands. */
export function cancel(pending: PendingAction | undefined, key: string, now: number): ActionStep {
  const known = pending?.key === key ? pending : undefined;
  if (known === undefined) return unknown(pending);
  if (known.stage !== 'awaiting') return whereItStands(known, now);
  return settleAs(known, { kind: 'cancelled' });
}

/**
 * The call came back: the outcome is kept under the same key, so a later click shows it again. Only
 * a confirmation still sending takes it; any other (settled meanwhile, replaced) stays as it is.
 */
export function settleSent(pending: PendingAction | undefined, key: string, outcome: ActionOutcome): ActionStep {
  if (pending?.key !== key || pending.stage !== 'sending') return pending?.key === key ? { pending, view: resultOf(pending) } : unknown(pending);
  return settleAs(pending, outcome);
}

/** Whether the confirmation's requests are out now: sending, and not yet past the deadline that says a restart cut them off. */
export const isSendingNow = (pending: PendingAction, now: number): boolean =>
  pending.stage === 'sending' && now - (pending.sentAt ?? pending.origin.now) <= SEND_DEADLINE_MS;

/** A click on a confirmation past its awaiting stage: its result, or interrupted when a restart cut its send off. */
function whereItStands(known: PendingAction, now: number): ActionStep {
  const cutOff = known.stage === 'sending' && !isSendingNow(known, now);
  return cutOff ? settleAs(known, { kind: 'interrupted' }) : { pending: known, view: resultOf(known) };
}

function settleAs(pending: PendingAction, outcome: ActionOutcome): ActionStep {
  const settled: PendingAction = { ...pending, stage: 'settled', outcome };
  return { pending: settled, view: resultOf(settled) };
}

/** A click for a confirmation the analyst no longer has (replaced by a newer one, or never theirs). */
function unknown(pending: PendingAction | undefined): ActionStep {
  return { pending, view: { card: 'actionResult', outcome: { kind: 'unknown' } } };
}

/**
 * Where a confirmation stands, drawn the same way every time it is asked (a re-delivered click shows
 * the same card): a dry run rebuilds the requests it would have sent, which are pure.
 */
function resultOf(pending: PendingAction): ActionResultView {
  const { action, origin } = pending;
  const outcome = pending.outcome ?? { kind: 'sending' };
  const built = outcome.kind === 'dry-run' ? buildRequests(action, origin) : undefined;
  const requests = built?.ok ? { requests: previewRequests(action, built.requests) } : {};
  return { card: 'actionResult', kind: action.kind, item: itemShown(action), outcome, ...requests };
}
