import type { CardAction } from '../../cardActions';
import type { FlowResult } from '../../flowResult';
import type { FlowState, Offer } from '../../flowState';
import { judgementOf } from '../../safety';
import type { View } from '../../views';
import type { ActState } from './actState';
import { actionFor, Answered, offeredActions, offeredUndos, recipientOf } from './answerActions';
import { ActionStep, cancel, chooseDevice, confirm, lookupAnswered, LookupAnswer, isSendingNow, PendingAction, propose, settleSent } from '../confirmation/confirmation';
import type { ActionOutcome } from '../confirmation/actionViews';
import { itemShown } from '../confirmation/preview';
import type { FinishedAction } from '../../recordEntry';
import type { DirectActionMode } from '../mode';
import type { ActionKind, ActionOrigin } from '../model';

/** What direct actions need from outside the pure flow: the tenant's setting, the clock, fresh keys. */
export interface DirectActionDeps {
  readonly mode: DirectActionMode;
  /** Actions this bot cannot send (no sign-in set up for their service): never offered, never started. */
  readonly notSetUp?: readonly ActionKind[];
  readonly now: () => number;
  readonly newKey: () => string;
  /** The group whose members may move an email back to the inbox (UNDO_EMAIL_APPROVERS_GROUP_ID); unset: that undo is not offered. */
  readonly approversGroupId?: string;
}

/** Who clicked, and in which thread, as the bot layer reads it from the activity (never from card data). */
export type Actor = Omit<ActionOrigin, 'now'>;

export type ActVerb = Extract<CardAction, { verb: `act.${string}` }>;
export const isActVerb = (action: CardAction): action is ActVerb => action.verb.startsWith('act.');

const NOT_OPEN: View = { card: 'actionResult', outcome: { kind: 'unknown' } };
const TURNED_OFF: View = { card: 'actionResult', outcome: { kind: 'refused', text: 'Actions from Teams are turned off for this bot; the answer card says where to do it in the portal.' } };
const NOT_SET_UP: View = { card: 'actionResult', outcome: { kind: 'refused', text: 'This action is not set up for this bot (no sign-in for its service); the answer card says where to do it in the portal.' } };
const STILL_SENDING: View = {
  card: 'actionResult',
  outcome: { kind: 'refused', text: 'The action you confirmed from this answer is still being sent: wait for its result on that card, then ask for another.' },
};
const SOMEONE: Actor = { analyst: 'An analyst', threadName: 'a Teams chat', threadUrl: 'https://teams.microsoft.com' };

/**
 * A click on a direct-action button, answered beside the conversation. With DIRECT_ACTIONS off
 * nothing is started, confirmed or sent, whatever the click says.
 */
export function actOn(state: FlowState | undefined, action: ActVerb, actor: Actor | undefined, deps: DirectActionDeps | undefined): FlowResult {
  if (deps === undefined || deps.mode === 'off') return { state, view: TURNED_OFF };
  const act = state?.act;
  let step: ActionStep;
  switch (action.verb) {
    case 'act.start':
    case 'act.category':
    case 'act.message': {
      if (deps.notSetUp?.includes(action.kind)) return { state, view: NOT_SET_UP };
      // A new confirmation would take the place of the one being sent, whose result then had nowhere to land.
      if (act?.pending && isSendingNow(act.pending, deps.now())) return { state, view: STILL_SENDING };
      const answered = act?.answered;
      const category = action.verb === 'act.start' || action.category === 'none' ? undefined : action.category;
      const message = action.verb === 'act.message' ? { recipient: action.recipient.trim(), messageUrl: action.messageUrl.trim() } : undefined;
      const asked = answered && actionFor(answered, action.kind, category, message, deps.approversGroupId);
      if (!asked) return { state, view: NOT_OPEN };
      if (asked === 'needs-category') return { state, view: { card: 'actionCategory', kind: action.kind } };
      if (asked === 'needs-message') {
        const recipient = recipientOf(answered);
        return { state, view: { card: 'actionMessage', ...(category ? { category } : {}), ...(recipient ? { recipient } : {}) } };
      }
      step = propose(asked, { ...(actor ?? SOMEONE), now: deps.now() }, deps.newKey(), deps.mode === 'dry-run');
      break;
    }
    case 'act.device':
      step = chooseDevice(act?.pending, action.key, action.device, deps.now());
      break;
    case 'act.confirm':
      step = confirm(act?.pending, action.key, deps.now());
      break;
    case 'act.cancel':
      step = cancel(act?.pending, action.key, deps.now());
      break;
  }
  return afterStep(state, step);
}

/**
 * The services' answer to the confirmed action `sent`, once its requests came back: kept with the
 * confirmation, shown in its place, and recorded when done. It changes nothing else. If the state no
 * longer holds that confirmation (reset, or replaced after its send outlived SEND_DEADLINE_MS), what
 * reached the service is still shown and recorded, from the confirmation as it was sent.
 */
export function actionSent(state: FlowState | undefined, sent: PendingAction, outcome: ActionOutcome | LookupAnswer): FlowResult {
  const held = state?.act?.pending;
  // A lookup's answer only ever moves the lookup the state still holds; one replaced or reset sent nothing.
  if (outcome.kind === 'found' || outcome.kind === 'accounts-found') return held?.key === sent.key ? afterStep(state, lookupAnswered(held, sent.key, outcome)) : { state, view: { card: 'actionResult', outcome: { kind: 'unknown' } } };
  if (held?.key === sent.key) return afterStep(state, settleSent(held, sent.key, outcome));
  const { pending, view } = settleSent(sent, sent.key, outcome);
  const finished = finishedBy(pending);
  return { state, view, ...(finished ? { finished } : {}) };
}

/**
 * A `cancel` while a confirmation is open cancels it too: its Confirm button then sends nothing.
 * One already sending or settled stays as it is.
 */
export function cancelOpenConfirmation(result: FlowResult): FlowResult {
  const pending = result.state?.act?.pending;
  if (pending?.stage !== 'awaiting') return result;
  const { state } = afterStep(result.state, cancel(pending, pending.key, pending.origin.now));
  return { ...result, state };
}

function afterStep(state: FlowState | undefined, step: ActionStep): FlowResult {
  const act = state?.act;
  const { pending: _old, ...rest } = act ?? {};
  const next: ActState = { ...rest, ...(step.pending ? { pending: step.pending } : {}) };
  const finished = act?.pending?.stage !== 'settled' ? finishedBy(step.pending) : undefined;
  return { state: withAct(state, next), view: step.view, ...(step.send ? { send: step.send } : {}), ...(finished ? { finished } : {}) };
}

/**
 * What goes on the thread's record, once, when a confirmed action settles: a dry run, or what its send
 * came to (done, failed, or cut off by a restart). Nothing is recorded when nothing was sent (cancelled, expired).
 */
function finishedBy(pending: PendingAction | undefined): FinishedAction | undefined {
  const outcome = pending?.outcome;
  if (pending?.stage !== 'settled' || outcome === undefined) return undefined;
  const result = recordedResult(outcome);
  return result && { kind: 'action', action: pending.action.kind, item: itemShown(pending.action), result };
}

/** What the record keeps of an outcome: the id the service returned, where it gave one; nothing when nothing was sent. */
function recordedResult(outcome: ActionOutcome): FinishedAction['result'] | undefined {
  switch (outcome.kind) {
    case 'done':
      return { kind: 'done', returnedId: outcome.returnedId };
    case 'failed':
      return outcome.returnedId !== undefined ? { kind: 'failed', returnedId: outcome.returnedId } : { kind: 'failed' };
    case 'dry-run':
    case 'interrupted':
    case 'denied':
      return { kind: outcome.kind };
    default:
      return undefined;
  }
}

/**
 * Any other turn: the direct-action state carries over, and an answer reached from the bot's
 * proposal is remembered and offers its actions (only when DIRECT_ACTIONS is dry-run or on).
 */
export function carryAct(before: FlowState | undefined, result: FlowResult, deps: DirectActionDeps | undefined): FlowResult {
  // The offer the view was drawn with: kept from before, or made by this turn (an incident card's path).
  const answered = deps && deps.mode !== 'off' ? answeredBy(result.state?.offer ?? before?.offer, result.view) : undefined;
  if (answered === undefined && before?.act === undefined) return result;
  const act: ActState | undefined = answered ? { ...before?.act, answered } : before?.act;
  const kinds = answered ? [...offeredActions(answered), ...offeredUndos(answered, deps?.approversGroupId)].filter((kind) => !deps?.notSetUp?.includes(kind)) : [];
  // The undo walk's first card says so when its entity has no undo by API (an empty list).
  const undoCard = answered?.proposal.flow === 'undo';
  const view = kinds.length > 0 || undoCard ? ({ ...result.view, actions: kinds } as View) : result.view;
  return { ...result, view, state: withAct(result.state, act) };
}

function answeredBy(offer: Offer | undefined, view: View): Answered | undefined {
  const choices = offer?.choices ?? [];
  const judgement = judgementOf(choices);
  if (view.card === 'reportAnswer' && view.context) return { proposal: { flow: 'report', item: view.item, verdict: view.verdict }, context: view.context, judgement };
  if (view.card === 'adjustAnswer' && view.context) return { proposal: { flow: 'adjust', scenario: view.scenario }, context: view.context, judgement };
  if (view.card === 'undoPermissions' && view.context) return { proposal: { flow: 'undo' }, context: view.context, judgement };
  return undefined;
}

/** The state with this direct-action state, or with none. */
export function withAct(state: FlowState | undefined, act: ActState | undefined): FlowState | undefined {
  const { act: _old, ...rest } = state ?? { flow: 'idle' as const };
  const empty = act === undefined || (act.answered === undefined && act.pending === undefined);
  if (empty) return state === undefined || (rest.flow === 'idle' && rest.offer === undefined) ? undefined : (rest as FlowState);
  return { ...rest, act } as FlowState;
}
