import { UNDO_STEP_COUNT } from '../content';
import { CardAction } from '../cardActions';
import { FlowState } from '../flowState';
import { View } from '../views';
import { FlowResult } from '../flowResult';

type UndoState = Extract<FlowState, { flow: 'undo' }>;
type UndoAction = Extract<CardAction, { verb: `undo.${string}` }>;

/** The step that asks whether the investigation is about email content or a device. */
export const BRANCH_STEP = 4;

export function startUndo(walk: string): FlowResult {
  const state: UndoState = { flow: 'undo', walk, step: 0 };
  return { state, view: undoView(state) };
}

function undoView(state: UndoState, notice?: string): View {
  const withNotice = notice ? { notice } : {};
  if (state.step === 0) return { card: 'undoPermissions', walk: state.walk, ...withNotice };
  return { card: 'undoStep', walk: state.walk, step: state.step, ...(state.branch ? { branch: state.branch } : {}), ...withNotice };
}

/**
 * Moves the walk-through for a click. The server-side state decides: a click from an older card
 * (another walk, another step) never moves the walk, it shows where the analyst really is.
 */
export function continueUndo(state: FlowState | undefined, action: UndoAction): FlowResult {
  if (state?.flow !== 'undo') {
    return {
      state,
      view: { card: 'menu', kind: 'help', notice: 'That undo walk-through has already ended. Start a new one with Undo a remediation.' },
    };
  }
  if (action.walk !== state.walk) {
    return { state, view: undoView(state, 'That card is from an earlier walk-through. Here is where you are now.') };
  }
  if (action.step !== state.step) {
    return { state, view: undoView(state, `That card was out of date. You are at ${positionName(state.step)}.`) };
  }
  switch (action.verb) {
    case 'undo.next':
      return next(state);
    case 'undo.back':
      return back(state);
    case 'undo.branch':
      if (state.step !== BRANCH_STEP) return { state, view: undoView(state, 'That choice belongs to step 4.') };
      return moveTo({ ...state, branch: action.branch });
  }
}

function next(state: UndoState): FlowResult {
  if (state.step === BRANCH_STEP && !state.branch) {
    return { state, view: undoView(state, 'First choose whether the investigation is about email content or a device.') };
  }
  if (state.step === UNDO_STEP_COUNT) {
    return { state: undefined, view: { card: 'undoDone', ...(state.branch ? { branch: state.branch } : {}) } };
  }
  return moveTo({ ...state, step: state.step + 1 });
}

function back(state: UndoState): FlowResult {
  if (state.step === 0) return { state, view: undoView(state) };
  return moveTo({ ...state, step: state.step - 1 });
}

function moveTo(state: UndoState): FlowResult {
  return { state, view: undoView(state) };
}

export function positionName(step: number): string {
  return step === 0 ? 'the permissions check' : `step ${step} of ${UNDO_STEP_COUNT}`;
}
