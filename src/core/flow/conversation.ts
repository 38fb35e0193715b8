import { CardAction } from '../cardActions';
import { Command, parseCommand } from '../commands';
import { recogniseEvidence } from '../evidence';
import { FlowState } from '../flowState';
import { EvidenceView, View } from '../views';
import { FlowResult } from './flowResult';
import { continueUndo, positionName, startUndo } from './undoWalk';

/** What reached the bot in one turn, already stripped of transport details. */
export type TurnInput =
  | { kind: 'text'; text: string }
  | { kind: 'action'; action: CardAction };

export interface FlowDependencies {
  /** A fresh id for a new undo walk-through, so cards of an earlier walk can be told apart. */
  readonly newWalkId: () => string;
}

/** The whole conversation as a pure function: state and input in, next state and view out. */
export function respond(state: FlowState | undefined, input: TurnInput, deps: FlowDependencies): FlowResult {
  switch (input.kind) {
    case 'text': {
      const command = parseCommand(input.text);
      if (command) return runCommand(state, command, deps);
      // Anything else is read for evidence; what is running keeps running until a proposal is taken.
      const proposed = readEvidence(input.text);
      return { state, view: proposed ? { ...proposed, ...progressNotice(state) } : helpWithProgress(state) };
    }
    case 'action':
      return runAction(state, input.action, deps);
  }
}

function runCommand(state: FlowState | undefined, command: Command, deps: FlowDependencies): FlowResult {
  switch (command) {
    case 'help':
      return { state, view: helpWithProgress(state) };
    case 'report':
      return { state: { flow: 'report' }, view: { card: 'chooseItem' } };
    case 'adjust':
      return { state: { flow: 'adjust' }, view: { card: 'chooseScenario' } };
    case 'undo':
      return startUndo(deps.newWalkId());
    case 'cancel':
      return { state: undefined, view: { card: 'menu', kind: 'cancelled', ...(state ? { stopped: describe(state) } : {}) } };
  }
}

function runAction(state: FlowState | undefined, action: CardAction, deps: FlowDependencies): FlowResult {
  switch (action.verb) {
    case 'command':
      return runCommand(state, action.command, deps);
    // Report and adjust buttons carry everything they need, so they work from any card the analyst still has.
    case 'report.item':
      return { state: { flow: 'report', item: action.item }, view: { card: 'chooseVerdict', item: action.item } };
    case 'report.verdict':
      return { state: undefined, view: { card: 'reportAnswer', item: action.item, verdict: action.verdict } };
    case 'adjust.scenario':
      return { state: undefined, view: { card: 'adjustAnswer', scenario: action.scenario } };
    case 'undo.next':
    case 'undo.back':
    case 'undo.branch':
      return continueUndo(state, action);
  }
}

/**
 * What the bot proposes for text an analyst sent or pointed at, or undefined when the text names
 * nothing the article's tables are about.
 */
export function readEvidence(text: string): EvidenceView | undefined {
  const { evidence, reasons, proposal, alternatives, confidence } = recogniseEvidence(text);
  return proposal ? { card: 'evidence', evidence, reasons, proposal, alternatives, confidence } : undefined;
}

function helpWithProgress(state: FlowState | undefined): View {
  return { card: 'menu', kind: 'help', ...progressNotice(state) };
}

function progressNotice(state: FlowState | undefined): { notice?: string } {
  return state ? { notice: `You still have ${describe(state)} open; its card still works.` } : {};
}

/** A short phrase naming what is running, for "cancelled ..." and reminders. */
export function describe(state: FlowState): string {
  switch (state.flow) {
    case 'report':
      return 'a report question';
    case 'adjust':
      return 'an alert-adjustment question';
    case 'undo':
      return `the undo walk-through (at ${positionName(state.step)})`;
  }
}
