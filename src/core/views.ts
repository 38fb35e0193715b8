import type { ActionConfirmView, ActionDeviceView, ActionResultView } from './actions/confirmation/actionViews';
import type { ActionKind, ThreatCategory } from './actions/model';
import { BranchId, ItemId, ScenarioId, VerdictId } from './content';
import { Confidence, Evidence, MessageContext, PortalReference, Proposal } from './evidence';
import { RecordEntry } from './recordEntry';

/** Which menu card: they share a shape and differ in what they say first. */
export type MenuKind = 'welcome' | 'help' | 'cancelled';

/**
 * What the analyst should see next, independent of how it is drawn. `notice` is a one-line
 * remark shown above the card (an out-of-date click, a refused button). An answer or undo walk
 * reached from the bot's proposal carries `context`: what the analyst's message was about.
 */
export type View = (
  | { card: 'menu'; kind: MenuKind; stopped?: string }
  | EvidenceView
  | { card: 'chooseItem' }
  | { card: 'chooseVerdict'; item: ItemId }
  | { card: 'reportAnswer'; item: ItemId; verdict: VerdictId; context?: MessageContext; actions?: readonly ActionKind[] }
  | { card: 'chooseScenario' }
  | { card: 'adjustAnswer'; scenario: ScenarioId; context?: MessageContext; actions?: readonly ActionKind[] }
  /** `actions`: the undos by API the walk's entity allows (empty: none has an API, and the card says so). */
  | { card: 'undoPermissions'; walk: string; context?: MessageContext; actions?: readonly ActionKind[] }
  | { card: 'undoStep'; walk: string; step: number; branch?: BranchId; context?: MessageContext }
  | { card: 'undoDone'; branch?: BranchId; context?: MessageContext }
  | RecordView
  | { card: 'actionCategory'; kind: ActionKind }
  /** What the email submission needs to find the message; `recipient`: an address from the analyst's message, defanged. */
  | { card: 'actionMessage'; category?: ThreatCategory; recipient?: string }
  | ActionConfirmView
  | ActionDeviceView
  | ActionResultView
) & { notice?: string };

export type CardName = View['card'];

/**
 * What the bot read in text the analyst sent, and the path it proposes: `reasons` say why,
 * `alternatives` are the other plausible paths, likeliest first. Evidence displays are inert text;
 * `references` are the incidents and alerts of the analyst's own portal that the text names.
 */
export interface EvidenceView {
  readonly card: 'evidence';
  readonly evidence: readonly Evidence[];
  readonly references?: readonly PortalReference[];
  readonly reasons: readonly string[];
  readonly proposal: Proposal;
  readonly alternatives: readonly Proposal[];
  readonly confidence: Confidence;
}

/**
 * The record of a thread (`thread`), or of one analyst's own entries across chats (`mine`): the
 * newest entries, how many there are in all, and when it was drawn (relative times count from it).
 * `movedBelow`: an earlier record card, re-posted further down the thread.
 */
export interface RecordView {
  readonly card: 'record';
  readonly scope: 'thread' | 'mine';
  readonly entries: readonly RecordEntry[];
  readonly total: number;
  readonly asOf: number;
  readonly movedBelow?: boolean;
}
