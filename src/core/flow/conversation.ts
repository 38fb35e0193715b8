import { actionSent, Actor, actOn, ActVerb, cancelOpenConfirmation, carryAct, DirectActionDeps, isActVerb } from '../actions/turn/actionTurn';
import type { ActionOutcome } from '../actions/confirmation/actionViews';
import type { LookupAnswer, PendingAction } from '../actions/confirmation/confirmation';
import { CardAction } from '../cardActions';
import { Command, parseCommand } from '../commands';
import { Evidence, MessageContext, Proposal, recogniseEvidence } from '../evidence';
import { FlowState, MAX_OFFER_EVIDENCE, Offer, RunningFlow, runningFlow, withOffer } from '../flowState';
import { EvidenceView, View } from '../views';
import { FlowResult } from '../flowResult';
import { finishedBy } from './finished';
import { continueUndo, positionName, startUndo } from './undoWalk';
import { startIncidentPath } from './incidentPaths';

/**
 * What the analyst sent in one turn, already stripped of transport details. `known`: what the bot keeps
 * server-side about the thread's incident entity (its Defender ids), for a turn in a thread intake posted.
 */
export type AnalystInput = { kind: 'text'; text: string; known?: readonly Evidence[] } | { kind: 'action'; action: CardAction; actor?: Actor; known?: readonly Evidence[] };

/** A turn's input: the analyst's, or what a service answered to their confirmed direct action `pending`, as it was sent. */
export type TurnInput = AnalystInput | { kind: 'sent'; pending: PendingAction; outcome: ActionOutcome | LookupAnswer };

export interface FlowDependencies {
  /** A fresh id for a new undo walk-through, so cards of an earlier walk can be told apart. */
  readonly newWalkId: () => string;
  /** Direct actions from answer cards; absent or `off`: no action buttons, and act.* clicks do nothing. */
  readonly directActions?: DirectActionDeps;
}

/** The whole conversation as a pure function: state and input in, next state and view out. */
export function respond(state: FlowState | undefined, input: TurnInput, deps: FlowDependencies): FlowResult {
  let result: FlowResult;
  if (input.kind === 'sent') return actionSent(state, input.pending, input.outcome);
  if (input.kind === 'text') result = answerText(state, input.text, deps, input.known ?? []);
  else if (isActVerb(input.action)) return actOn(state, input.action, input.actor, deps.directActions);
  else result = runAction(state, input.action, deps, input.known ?? []);
  const finished = finishedBy(state, result);
  const carried = carryAct(state, finished ? { ...result, finished } : result, deps.directActions);
  return asksToCancel(input) ? cancelOpenConfirmation(carried) : carried;
}

const asksToCancel = (input: TurnInput): boolean =>
  input.kind === 'text' ? parseCommand(input.text) === 'cancel' : input.kind === 'action' && input.action.verb === 'command' && input.action.command === 'cancel';

/**
 * Typed text: a command, or a message to read for evidence and intent (small talk never gets here:
 * see smallTalk.ts). A new message replaces the earlier offer; what is running keeps running until
 * a proposal is taken.
 */
function answerText(state: FlowState | undefined, text: string, deps: FlowDependencies, known: readonly Evidence[]): FlowResult {
  const running = runningFlow(state);
  const command = parseCommand(text);
  if (command) return runCommand(running, command, deps);
  const proposed = withKnown(readEvidence(text), known);
  if (!proposed) return { state: running, view: helpWithProgress(running) };
  return { state: withOffer(running, offerOf(proposed)), view: { ...proposed, ...progressNotice(running) } };
}

function runCommand(running: RunningFlow | undefined, command: Command, deps: FlowDependencies): FlowResult {
  switch (command) {
    case 'help':
      return { state: running, view: helpWithProgress(running) };
    case 'report':
      return { state: { flow: 'report' }, view: { card: 'chooseItem' } };
    case 'adjust':
      return { state: { flow: 'adjust' }, view: { card: 'chooseScenario' } };
    case 'undo':
      return startUndo(deps.newWalkId());
    case 'cancel':
      return { state: undefined, view: { card: 'menu', kind: 'cancelled', ...(running ? { stopped: nameOf(running) } : {}) } };
    case 'record':
      // The record is kept beside the conversation, not in it: the bot answers `record` before the flow
      // runs. A button that asks for it anyway gets the help card and changes nothing.
      return { state: running, view: helpWithProgress(running) };
  }
}

/** A click. The offer stays until the next message or a cancel, so a double click answers alike. */
function runAction(state: FlowState | undefined, action: Exclude<CardAction, ActVerb>, deps: FlowDependencies, known: readonly Evidence[]): FlowResult {
  const offer = state?.offer;
  const running = runningFlow(state);
  const keepingOffer = ({ state: next, view }: FlowResult): FlowResult => ({ state: withOffer(next, offer), view });
  switch (action.verb) {
    case 'command':
      return action.command === 'cancel' ? runCommand(running, 'cancel', deps) : keepingOffer(withUndoContext(runCommand(running, action.command, deps), offer));
    // Report and adjust buttons carry everything they need, so they work from any card the analyst still has.
    case 'report.item':
      return keepingOffer({ state: { flow: 'report', item: action.item }, view: { card: 'chooseVerdict', item: action.item } });
    case 'report.verdict': {
      const { item, verdict } = action;
      return keepingOffer({ state: undefined, view: { card: 'reportAnswer', item, verdict, ...contextFor(offer, { flow: 'report', item, verdict }) } });
    }
    case 'adjust.scenario': {
      const { scenario } = action;
      return keepingOffer({ state: undefined, view: { card: 'adjustAnswer', scenario, ...contextFor(offer, { flow: 'adjust', scenario }) } });
    }
    case 'undo.next':
    case 'undo.back':
    case 'undo.branch':
      return keepingOffer(withUndoContext(continueUndo(running, action), offer));
    case 'intake.path':
      return startIncidentPath(action, deps.newWalkId, known);
  }
}

const UNDO_CARDS: ReadonlySet<View['card']> = new Set(['undoPermissions', 'undoStep', 'undoDone']);

/** Every card of an undo walk the bot itself offered shows what the message was about, to its end. */
function withUndoContext(result: FlowResult, offer: Offer | undefined): FlowResult {
  if (!UNDO_CARDS.has(result.view.card)) return result;
  return { ...result, view: { ...result.view, ...contextFor(offer, { flow: 'undo' }) } as View };
}

/**
 * What the bot proposes for text an analyst sent or pointed at, or undefined when the text names
 * nothing the walk-through or the article's tables are about.
 */
export function readEvidence(text: string): EvidenceView | undefined {
  const { evidence, references, reasons, proposal, alternatives, confidence } = recogniseEvidence(text);
  if (!proposal) return undefined;
  return { card: 'evidence', evidence, ...(references.length > 0 ? { references } : {}), reasons, proposal, alternatives, confidence };
}

/** A proposal with the thread's known entity ids beside what the text named (they are not repeated). */
function withKnown(proposed: EvidenceView | undefined, known: readonly Evidence[]): EvidenceView | undefined {
  if (!proposed || known.length === 0) return proposed;
  const named = new Set(proposed.evidence.map((e) => `${e.kind} ${e.display}`));
  return { ...proposed, evidence: [...known.filter((e) => !named.has(`${e.kind} ${e.display}`)), ...proposed.evidence] };
}

/** The state a proposal for this text leaves: an idle conversation holding the offer, or nothing. */
export function offerStateFor(proposed: EvidenceView | undefined): FlowState | undefined {
  return proposed ? withOffer(undefined, offerOf(proposed)) : undefined;
}

/** The offer a proposal makes; none when the message named nothing worth showing again. */
function offerOf(view: EvidenceView): Offer | undefined {
  const context: MessageContext = { evidence: view.evidence.slice(0, MAX_OFFER_EVIDENCE), references: view.references ?? [] };
  if (context.evidence.length === 0 && context.references.length === 0) return undefined;
  return { choices: [view.proposal, ...view.alternatives], context };
}

/** The message's context, for an answer the bot itself offered: the same row, and the verdict if it named one. */
function contextFor(offer: Offer | undefined, answer: Proposal): { context?: MessageContext } {
  return offer?.choices.some((choice) => covers(choice, answer)) ? { context: offer.context } : {};
}

function covers(choice: Proposal, answer: Proposal): boolean {
  if (choice.flow === 'report' && answer.flow === 'report') {
    return choice.item === answer.item && (choice.verdict === undefined || choice.verdict === answer.verdict);
  }
  if (choice.flow === 'adjust' && answer.flow === 'adjust') return choice.scenario === answer.scenario;
  return choice.flow === 'undo' && answer.flow === 'undo';
}

function helpWithProgress(running: RunningFlow | undefined): View {
  return { card: 'menu', kind: 'help', ...progressNotice(running) };
}

function progressNotice(running: RunningFlow | undefined): { notice?: string } {
  return running ? { notice: `You still have ${nameOf(running)} open; its card still works.` } : {};
}

/** A short phrase naming what is running, for "cancelled ..." and reminders. */
function nameOf(state: RunningFlow): string {
  switch (state.flow) {
    case 'report':
      return 'a report question';
    case 'adjust':
      return 'an alert-adjustment question';
    case 'undo':
      return `the undo walk-through (at ${positionName(state.step)})`;
  }
}
