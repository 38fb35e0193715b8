import type { ActionKind } from '../model';
import type { RequestPreview } from './preview';

/** What the analyst sees before anything is sent: exactly what, to which service, as whom. */
export interface ActionConfirmView {
  readonly card: 'actionConfirm';
  /** The confirmation's idempotency key: its buttons carry it, the analyst's state decides what it may do. */
  readonly key: string;
  readonly kind: ActionKind;
  readonly dryRun: boolean;
  readonly service: string;
  readonly analyst: string;
  readonly item: string;
  readonly requests: readonly RequestPreview[];
}

/** How an action ended, or why it did not start. */
export type ActionOutcome =
  | { readonly kind: 'dry-run' }
  | { readonly kind: 'done'; readonly returnedId: string; readonly link?: string }
  | { readonly kind: 'failed'; readonly text: string }
  | { readonly kind: 'refused'; readonly text: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'sending' }
  /** The bot stopped while sending: whether the service got the request is not known. */
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'unknown' };

/** The result, in place of the confirmation. Dry runs keep the requests that would have gone out. */
export interface ActionResultView {
  readonly card: 'actionResult';
  /** Absent for a click on a confirmation the analyst no longer has. */
  readonly kind?: ActionKind;
  readonly item?: string;
  readonly outcome: ActionOutcome;
  readonly requests?: readonly RequestPreview[];
}
