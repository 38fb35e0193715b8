import { StatePropertyAccessor, TurnContext } from 'botbuilder-core';
// Deep imports: the package index also loads every prompt and its language recognizers, which this
// bot never uses and which cost about 35 MB of memory and a third of a second at start-up.
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import { DialogState } from 'botbuilder-dialogs/lib/dialogContext';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
import { isOwnedCard } from '../core/cards/render';
import { FlowDependencies, TurnInput } from '../core/flow/conversation';
import { View } from '../core/views';
import { CREATE_ONLY_ETAG } from '../storage/createOnly';
import { isETagConflict } from '../storage/errors';
import type { StateStore } from '../storage/stateStore';
import { ConversationRecord, listCard, readRecord, recordKey, remember, RECORD_VERSION } from './conversationRecord';
import { FLOW_DIALOG_ID, FlowDialog, RESET_NOTICE, TURN_INPUT, TURN_VIEW } from './flowDialog';
import type { ClickedCard } from './ownershipLedger';
import { ClaimedReply, PendingReplies, pendingOf, savedWith } from './pendingReplies';

/** Storage could not be read or written: the analyst is asked to try again, nothing changed. */
export class StorageUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super(`storage unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}

/**
 * `answered`: the turn ran; `reply` is set when its view goes through the connector and must be sent
 * with `sendReply`; `inPlace` names the analyst's own card the view replaces. `unsent`: a re-delivered
 * activity whose reply never went out; this turn sends it. `duplicate`: a re-delivered activity that
 * was answered already, or is being answered now. `refused`: a click on a card the ledger does not
 * know, or on someone else's; nothing was written.
 */
export type RunOutcome =
  | { kind: 'answered'; view: View; inPlace?: string; reply?: ClaimedReply }
  | { kind: 'unsent'; view: View; inPlace?: string; reply: ClaimedReply }
  | { kind: 'duplicate' }
  | { kind: 'refused'; card: ClickedCard };

export interface RunOptions {
  /** For a click: whose card it came from, as the ownership ledger says; asked only when the analyst's record does not list that card. */
  readonly clickedCard?: () => Promise<ClickedCard>;
  /** Whether the answer is sent through the connector (a post or an update), not in the HTTP response, given the card it replaces. */
  readonly viaConnector: (inPlace: string | undefined) => boolean;
}

/** Where a turn's answer goes: nowhere (refused), in place of the analyst's own card `inPlace`, or as a new card. */
type Placement = { kind: 'refused'; card: ClickedCard } | { kind: 'allowed'; inPlace?: string };

/**
 * A click on a card the analyst's record lists is on their own card: no ledger read. Any other click
 * is judged by the ledger: their own card (then listed by this turn's write), a card for anyone, or refused.
 */
async function placementOf(activity: TurnContext['activity'], record: ConversationRecord, askLedger?: () => Promise<ClickedCard>): Promise<Placement> {
  if (!askLedger) return { kind: 'allowed' };
  const messageId = activity.replyToId;
  if (messageId && record.cards?.includes(messageId)) return { kind: 'allowed', inPlace: messageId };
  const card = await askLedger();
  if (card.kind === 'shared') return { kind: 'allowed' };
  if (card.kind === 'owned' && card.owner.id === activity.from?.id) return { kind: 'allowed', inPlace: messageId };
  return { kind: 'refused', card };
}

const DIALOG_HOLDER = Symbol('dialogHolder');
/**
 * Every lost write means another turn of this analyst was saved meanwhile, so n turns at once need at
 * most n attempts. A double click that Teams also re-delivers is four; an impatient burst a few more.
 */
const MAX_ATTEMPTS = 8;

/** The dialog's state lives in the record loaded for this turn, so it is saved with the record's eTag. */
const dialogStateAccessor: StatePropertyAccessor<DialogState> = {
  async get(context: TurnContext) {
    return (context.turnState.get(DIALOG_HOLDER) as { state: DialogState }).state;
  },
  async set(context: TurnContext, value: DialogState) {
    (context.turnState.get(DIALOG_HOLDER) as { state: DialogState }).state = value;
  },
  async delete(context: TurnContext) {
    (context.turnState.get(DIALOG_HOLDER) as { state: DialogState }).state = { dialogStack: [] };
  },
};

/**
 * Runs one turn of the dialog against stored state with optimistic concurrency: read with eTag,
 * compute, write only if nobody wrote in between; otherwise compute again from the newer state.
 * Two clicks arriving together therefore move one step, and the second sees an out-of-date card.
 */
export class FlowRunner {
  private readonly dialogs: DialogSet;
  private readonly replies: PendingReplies;

  constructor(
    /** Where records are kept; the bot keeps its card ledger beside them. */
    readonly storage: StateStore,
    deps: FlowDependencies,
    private readonly now: () => number = Date.now,
  ) {
    this.dialogs = new DialogSet(dialogStateAccessor).add(new FlowDialog(deps));
    this.replies = new PendingReplies(storage);
  }

  async run(context: TurnContext, input: TurnInput, options: RunOptions): Promise<RunOutcome> {
    const key = recordKey(context.activity);
    const activityId = context.activity.id;
    // A card's owner never changes while it stays owned, so the ledger is asked at most once per turn.
    let ledgerAnswer: Promise<ClickedCard> | undefined;
    const { clickedCard } = options;
    const askLedger = clickedCard && (() => (ledgerAnswer ??= clickedCard()));
    for (let attempt = 1; ; attempt++) {
      const { record, reset } = readRecord((await this.guard(() => this.storage.read([key])))[key]);
      const placement = await placementOf(context.activity, record, askLedger);
      if (placement.kind === 'refused') return placement;
      const { inPlace } = placement;
      const placed = inPlace ? { inPlace } : {};
      if (activityId && record.seen.includes(activityId)) {
        const unsent = await this.guard(() => this.replies.claimUnsent(key, activityId, record));
        return unsent ? { kind: 'unsent', view: unsent.view, reply: unsent, ...placed } : { kind: 'duplicate' };
      }

      const dialogView = await this.runDialog(context, record, input);
      const view = reset ? { ...dialogView, notice: RESET_NOTICE } : dialogView;
      // Without an id a re-delivery cannot be recognised, so there is nothing to keep the reply for.
      const reply = options.viaConnector(inPlace) && activityId ? this.replies.begin(key, activityId, view) : undefined;
      const cards = inPlace ? listCard(record.cards, inPlace, isOwnedCard(view)) : record.cards;
      const next: ConversationRecord = {
        v: RECORD_VERSION,
        dialog: context.turnState.get(DIALOG_HOLDER).state,
        seen: remember(record.seen, activityId),
        updatedAt: this.now(),
        ...(reply ? { pending: pendingOf(reply) } : {}),
        ...(cards && cards.length > 0 ? { cards } : {}),
        // A first record is created only if no other turn created it meanwhile (a re-delivery, a second instance).
        eTag: record.eTag ?? CREATE_ONLY_ETAG,
      };
      try {
        const eTags = await this.storage.write({ [key]: next });
        return { kind: 'answered', view, ...placed, ...(reply ? { reply: savedWith(reply, next, eTags[key]) } : {}) };
      } catch (error) {
        if (reply) this.replies.drop(reply);
        if (!isETagConflict(error)) throw new StorageUnavailableError(error);
        if (attempt === MAX_ATTEMPTS) throw new StorageUnavailableError(error);
      }
    }
  }

  /** Sends a turn's reply through `deliver`, then records it as sent; false when that record failed. */
  sendReply(reply: ClaimedReply, deliver: () => Promise<string | undefined>): Promise<boolean> {
    return this.replies.send(reply, deliver);
  }

  private async runDialog(context: TurnContext, record: ConversationRecord, input: TurnInput): Promise<View> {
    context.turnState.set(DIALOG_HOLDER, { state: structuredClone(record.dialog) });
    context.turnState.set(TURN_INPUT, input);
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(FLOW_DIALOG_ID);
    return context.turnState.get(TURN_VIEW) as View;
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }
}
