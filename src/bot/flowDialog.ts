// Not the package index, which loads prompts and recognizers the bot never uses (see flowRunner.ts).
import { Dialog, DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
import { DialogContext } from 'botbuilder-dialogs/lib/dialogContext';
import { withAct } from '../core/actions/actionTurn';
import { parseActState } from '../core/actions/actState';
import { FlowDependencies, respond, TurnInput } from '../core/flow/conversation';
import { parseFlowState } from '../core/flowState';
import { actorOf } from './actions/actor';
import { View } from '../core/views';

export const FLOW_DIALOG_ID = 'airGuidance';

/** Turn-state keys: the input the dialog answers, and the view it leaves for delivery. */
export const TURN_INPUT = Symbol('turnInput');
export const TURN_VIEW = Symbol('turnView');
/** What the turn finished, for the thread's record; undefined when it finished nothing. */
export const TURN_FINISHED = Symbol('turnFinished');

export const RESET_NOTICE = 'I was updated since your last step and could not pick up where you were, so I started fresh.';

/**
 * The one dialog that holds the conversation. It keeps the core flow's state in its instance and
 * asks the core for the next view; it sends nothing itself, so state is saved before anything is shown.
 */
export class FlowDialog extends Dialog {
  constructor(private readonly deps: FlowDependencies) {
    super(FLOW_DIALOG_ID);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.advance(dc, undefined);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.advance(dc, dc.activeDialog?.state.flow);
  }

  private async advance(dc: DialogContext, stored: unknown): Promise<DialogTurnResult> {
    const turn = dc.context.turnState.get(TURN_INPUT) as TurnInput;
    // A click carries who made it, from the activity, for a direct action's confirmation.
    const input: TurnInput = turn.kind === 'action' ? { ...turn, actor: actorOf(dc.context.activity) } : turn;
    const parsed = parseFlowState(stored);
    // Direct-action state is kept beside the flow's and read on its own: either can change shape alone.
    const act = parseActState((stored as { act?: unknown } | undefined)?.act);
    const result = respond(withAct(parsed.ok ? parsed.state : undefined, act), input, this.deps);
    const view: View = parsed.ok ? result.view : { ...result.view, notice: RESET_NOTICE };
    dc.context.turnState.set(TURN_VIEW, view);
    dc.context.turnState.set(TURN_FINISHED, result.finished);
    if (!result.state) return dc.endDialog();
    dc.activeDialog!.state.flow = result.state;
    return Dialog.EndOfTurn;
  }
}
