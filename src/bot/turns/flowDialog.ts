// Not the package index, which loads prompts and recognizers the bot never uses (see flowRunner.ts).
import { Dialog, DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import { DialogContext } from 'botbuilder-dialogs/lib/dialogContext';
import { withAct } from '../../core/actions/turn/actionTurn';
import { parseActState } from '../../core/actions/turn/actState';
import { FlowDependencies, respond, TurnInput } from '../../core/flow/conversation';
import { FlowResult } from '../../core/flowResult';
import { parseFlowState } from '../../core/flowState';
import { FLOW_DIALOG_ID } from '../conversation';
import { actorOf } from './actor';

/** One turn of the dialog: the core's answer, and whether the stored flow could not be read (then it started fresh). */
export interface FlowTurn {
  readonly result: FlowResult;
  readonly unreadable: boolean;
}

/**
 * The one dialog that holds the conversation. It keeps the core flow's state in its instance and
 * asks the core for the next view, which it returns as the dialog turn's result; it sends nothing
 * itself, so state is saved before anything is shown. A turn's dialog is made for its input.
 */
export class FlowDialog extends Dialog {
  constructor(
    private readonly deps: FlowDependencies,
    private readonly input: TurnInput,
  ) {
    super(FLOW_DIALOG_ID);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult<FlowTurn>> {
    return this.advance(dc, undefined);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult<FlowTurn>> {
    return this.advance(dc, dc.activeDialog?.state.flow);
  }

  private async advance(dc: DialogContext, stored: unknown): Promise<DialogTurnResult<FlowTurn>> {
    // A click carries who made it, from the activity, for a direct action's confirmation.
    const input: TurnInput = this.input.kind === 'action' ? { ...this.input, actor: actorOf(dc.context.activity) } : this.input;
    const parsed = parseFlowState(stored);
    // Direct-action state is kept beside the flow's and read on its own: either can change shape alone.
    const act = parseActState((stored as { act?: unknown } | undefined)?.act);
    const result = respond(withAct(parsed.ok ? parsed.state : undefined, act), input, this.deps);
    const turn: FlowTurn = { result, unreadable: !parsed.ok };
    if (!result.state) {
      await dc.endDialog();
      return { status: DialogTurnStatus.complete, result: turn };
    }
    dc.activeDialog!.state.flow = result.state;
    return { status: DialogTurnStatus.waiting, result: turn };
  }
}
