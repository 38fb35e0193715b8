import { FlowState } from '../flowState';
import { View } from '../views';

/** One turn's outcome: the state to keep and the view to show. */
export interface FlowResult {
  readonly state: FlowState | undefined;
  readonly view: View;
}
