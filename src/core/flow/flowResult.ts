import { FlowState } from '../flowState';
import type { Finished } from '../recordEntry';
import { View } from '../views';

/** One turn's outcome: the state to keep, the view to show, and what it finished, for the thread's record. */
export interface FlowResult {
  readonly state: FlowState | undefined;
  readonly view: View;
  readonly finished?: Finished;
}
