import type { OutgoingRequest } from './actions/requests/requests';
import { FlowState } from './flowState';
import type { Finished } from './recordEntry';
import { View } from './views';

/**
 * One turn's outcome: the state to keep, the view to show, what it finished, for the thread's record,
 * and the requests a confirmed direct action sends once that state is saved.
 */
export interface FlowResult {
  readonly state: FlowState | undefined;
  readonly view: View;
  readonly finished?: Finished;
  readonly send?: readonly OutgoingRequest[];
}
