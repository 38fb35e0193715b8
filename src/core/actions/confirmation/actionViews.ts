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

/** A device name that fits several devices: the analyst picks one, by its place in the list the bot keeps. */
export interface ActionDeviceView {
  readonly card: 'actionDevice';
  readonly key: string;
  readonly kind: ActionKind;
  readonly item: string;
  readonly devices: readonly { readonly id: string; readonly name: string }[];
}

/** How an action ended, or why it did not start. */
export type ActionOutcome =
  | { readonly kind: 'dry-run' }
  /** `status`: where a machine action ended (Succeeded), or that it is still running when the bot stopped reading it. */
  | { readonly kind: 'done'; readonly returnedId: string; readonly link?: string; readonly status?: string }
  /** `returnedId`: the service took the request (a machine action's id) and it then failed. */
  | { readonly kind: 'failed'; readonly text: string; readonly returnedId?: string }
  | { readonly kind: 'refused'; readonly text: string }
  /** The email undo's approver check said no: nothing was moved, and the refusal is recorded. */
  | { readonly kind: 'denied'; readonly text: string }
  /** A device named by the analyst is being looked up by name, before its confirmation. */
  | { readonly kind: 'finding' }
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
