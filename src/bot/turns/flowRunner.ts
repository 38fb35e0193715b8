import { StatePropertyAccessor, TurnContext } from 'botbuilder-core';
// Deep imports: the package index also loads every prompt and its language recognizers, which this
// bot never uses and which cost about 35 MB of memory and a third of a second at start-up.
import { DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import { DialogState } from 'botbuilder-dialogs/lib/dialogContext';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
import type { ActionOutcome } from '../../core/actions/confirmation/actionViews';
import type { LookupAnswer, PendingAction } from '../../core/actions/confirmation/confirmation';
import type { OutgoingRequest } from '../../core/actions/requests/requests';
import { isOwnedCard } from '../../core/cards/render';
import { AnalystInput, FlowDependencies, TurnInput } from '../../core/flow/conversation';
import { FlowResult } from '../../core/flowResult';
import { Finished, plainName } from '../../core/recordEntry';
import { View } from '../../core/views';
import { changeItem } from '../../storage/changeItem';
import { CREATE_ONLY_ETAG } from '../../storage/createOnly';
import { isETagConflict, StorageUnavailableError } from '../../storage/errors';
import type { StateStore } from '../../storage/stateStore';
import { cardListsOf, ConversationRecord, FLOW_DIALOG_ID, listCard, LoadedRecord, readRecord, recordKey, remember, RECORD_VERSION } from '../conversation';
import { FlowDialog, FlowTurn } from './flowDialog';
import type { ClickedCard } from '../conversation';
import { ClaimedReply, PendingReplies, pendingOf, savedWith } from '../delivery';

/**
 * `answered`: the turn ran; `reply` is set when its view goes through the connector and must be sent
 * with `sendReply`; `inPlace` names the analyst's own card the view replaces. `unsent`: a re-delivered
 * activity whose reply never went out; this turn sends it. `duplicate`: a re-delivered activity that
 * was answered already, or is being answered now. `refused`: a click on a card no record proves to
 * be anyone's, or on someone else's; nothing was written.
 */
export type RunOutcome =
  | { kind: 'answered'; view: View; inPlace?: string; reply?: ClaimedReply; finished?: Finished; send?: ActionToSend }
  | { kind: 'unsent'; view: View; inPlace?: string; reply: ClaimedReply }
  | { kind: 'duplicate' }
  | { kind: 'refused'; card: ClickedCard }
  | { kind: 'held'; text: string };

/** A confirmed direct action, saved as sending (`pending`): its requests go out now, and their answer settles it. */
export interface ActionToSend {
  readonly pending: PendingAction;
  readonly requests: readonly OutgoingRequest[];
}

export interface RunOptions {
  /** For a click: whose card it came from (see cardOwnership.ts); asked only when the analyst's own record does not list that card. */
  readonly clickedCard?: () => Promise<ClickedCard>;
  /** Whether the answer is sent through the connector (a post or an update), not in the HTTP response, given the card it replaces. */
  readonly viaConnector: (inPlace: string | undefined) => boolean;
  /**
   * Asked before a confirmed direct action is saved as sending: undefined to go ahead, or the line to
   * answer instead (the analyst must sign in first), and then nothing is saved.
   */
  readonly beforeSending?: (requests: readonly OutgoingRequest[]) => Promise<string | undefined>;
}

export const RESET_NOTICE = 'I was updated since your last step and could not pick up where you were, so I started fresh.';

/** Where a turn's answer goes: nowhere (refused), in place of the analyst's own card `inPlace`, or as a new card. */
type Placement = { kind: 'refused'; card: ClickedCard } | { kind: 'allowed'; inPlace?: string };

/**
 * A click on a card the analyst's record lists moves it in place when it is their own, or is answered
 * with a new card when it is one for anyone. Any other click is allowed only on a card another
 * analyst's record lists as for anyone; else it is refused.
 */
async function placementOf(activity: TurnContext['activity'], record: ConversationRecord, askOwner?: () => Promise<ClickedCard>): Promise<Placement> {
  if (!askOwner) return { kind: 'allowed' };
  const messageId = activity.replyToId;
  if (messageId && record.cards?.includes(messageId)) return { kind: 'allowed', inPlace: messageId };
  if (messageId && record.sharedCards?.includes(messageId)) return { kind: 'allowed' };
  const card = await askOwner();
  return card.kind === 'shared' ? { kind: 'allowed' } : { kind: 'refused', card };
}

/**
 * Every lost write means another turn of this analyst was saved meanwhile, so n turns at once need at
 * most n attempts. A double click that Teams also re-delivers is four; an impatient burst a few more.
 */
const MAX_ATTEMPTS = 8;

/**
 * The dialog's state is read from, and written to, the record loaded for this turn, so it is saved
 * with the record's eTag. (The SDK's own BotState saves last-write-wins under one key per conversation
 * or user; a record here is one analyst's in one thread and is saved compare-and-set, created only once.)
 */
function accessorOver(holder: { state: DialogState }): StatePropertyAccessor<DialogState> {
  return {
    get: async () => holder.state,
    set: async (_context, value) => {
      holder.state = value;
    },
    delete: async () => {
      holder.state = { dialogStack: [] };
    },
  };
}

/**
 * Where a DialogContext looks for its memory scopes before building them anew (about a tenth of a
 * click's CPU). This dialog keeps no state in them, so one set serves every turn. The SDK does not
 * export the key; if it changes, turns only get slower (test/bot/dialogMemoryScopes.test.ts says so).
 */
const MEMORY_SCOPES_KEY = 'DialogStateManagerConfiguration';

/** A dialog turn's answer and the dialog state it leaves. */
interface DialogOutcome {
  readonly result: FlowResult;
  readonly dialog: DialogState;
}

/**
 * Runs one turn of the dialog against stored state with optimistic concurrency: read with eTag,
 * compute, write only if nobody wrote in between; otherwise compute again from the newer state.
 * Two clicks arriving together therefore move one step, and the second sees an out-of-date card.
 */
export class FlowRunner {
  private readonly replies: PendingReplies;
  /** The dialog memory scopes the first turn built, for every later turn. */
  private memoryScopes: unknown;

  constructor(
    /** Where records are kept; the bot keeps its threads' records beside them. */
    readonly storage: StateStore,
    private readonly deps: FlowDependencies,
    private readonly now: () => number = Date.now,
  ) {
    this.replies = new PendingReplies(storage);
  }

  async run(context: TurnContext, input: AnalystInput, options: RunOptions): Promise<RunOutcome> {
    const key = recordKey(context.activity);
    const activityId = context.activity.id;
    // Another analyst's card stays theirs, so whose it is is asked at most once per turn.
    let ownerAnswer: Promise<ClickedCard> | undefined;
    const { clickedCard } = options;
    const askOwner = clickedCard && (() => (ownerAnswer ??= clickedCard()));
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(key);
      const { record } = loaded;
      const placement = await placementOf(context.activity, record, askOwner);
      if (placement.kind === 'refused') return placement;
      // A started action's confirmation is a card of its own: the card it came from (an answer, the undo walk) stays.
      const inPlace = startsAction(input) ? undefined : placement.inPlace;
      const placed = inPlace ? { inPlace } : {};
      if (activityId && record.seen.includes(activityId)) {
        const unsent = await this.guard(() => this.replies.claimUnsent(key, activityId, record));
        return unsent ? { kind: 'unsent', view: unsent.view, reply: unsent, ...placed } : { kind: 'duplicate' };
      }

      const { result, dialog } = await this.runDialog(context, loaded, input);
      const send = toSend(result);
      const held = send && options.beforeSending ? await options.beforeSending(send.requests) : undefined;
      if (held !== undefined) return { kind: 'held', text: held };
      const { view } = result;
      // Without an id a re-delivery cannot be recognised, so there is nothing to keep the reply for
      // (nor a confirmation to list its card in: clicks on a card posted for such an activity are refused).
      const reply = options.viaConnector(inPlace) && activityId ? this.replies.begin(key, activityId, view) : undefined;
      const next: ConversationRecord = {
        v: RECORD_VERSION,
        dialog,
        seen: remember(record.seen, activityId),
        updatedAt: this.now(),
        ...(context.activity.from?.name ? { name: plainName(context.activity.from.name) } : {}),
        ...(reply ? { pending: pendingOf(reply) } : {}),
        ...(inPlace ? listCard(record, inPlace, isOwnedCard(view)) : cardListsOf(record)),
        // A first record is created only if no other turn created it meanwhile (a re-delivery, a second instance).
        eTag: record.eTag ?? CREATE_ONLY_ETAG,
      };
      try {
        const eTags = await this.storage.write({ [key]: next });
        const extras = { ...placed, ...(result.finished ? { finished: result.finished } : {}), ...(send ? { send } : {}) };
        return { kind: 'answered', view, ...extras, ...(reply ? { reply: savedWith(reply, next, eTags[key]) } : {}) };
      } catch (error) {
        if (reply) this.replies.drop(reply);
        if (!isETagConflict(error) || attempt === MAX_ATTEMPTS) throw new StorageUnavailableError(error);
      }
    }
  }

  /**
   * What the services answered to the confirmed action `sent`, saved with the analyst's state: the
   * result view that takes the confirmation's place, and what it finished for the thread's record.
   */
  settle(context: TurnContext, sent: PendingAction, outcome: ActionOutcome | LookupAnswer): Promise<{ view: View; finished?: Finished }> {
    return changeItem(
      this.storage,
      recordKey(context.activity),
      async (stored) => {
        const loaded = readRecord(stored);
        const { result, dialog } = await this.runDialog(context, loaded, { kind: 'sent', pending: sent, outcome });
        return {
          write: { ...loaded.record, dialog, updatedAt: this.now() },
          result: { view: result.view, ...(result.finished ? { finished: result.finished } : {}) },
        };
      },
      MAX_ATTEMPTS,
    );
  }

  /** Sends a turn's reply through `deliver`, then records it as sent; false when that record failed. */
  sendReply(reply: ClaimedReply, deliver: () => Promise<string | undefined>): Promise<boolean> {
    return this.replies.send(reply, deliver);
  }

  /** The analyst's record; one of another version or shape starts fresh, and the turn's view says so. */
  private async load(key: string): Promise<LoadedRecord> {
    return readRecord((await this.guard(() => this.storage.read([key])))[key]);
  }

  /** The turn's dialog, made for its input, run on a copy of the record's dialog state. */
  private async runDialog(context: TurnContext, { record, reset }: LoadedRecord, input: TurnInput): Promise<DialogOutcome> {
    const holder = { state: structuredClone(record.dialog) };
    if (this.memoryScopes) context.turnState.set(MEMORY_SCOPES_KEY, this.memoryScopes);
    const dc = await new DialogSet(accessorOver(holder)).add(new FlowDialog(this.deps, input)).createContext(context);
    this.memoryScopes ??= context.turnState.get(MEMORY_SCOPES_KEY);
    const continued: DialogTurnResult<FlowTurn> = await dc.continueDialog();
    const { result, unreadable } = (continued.status === DialogTurnStatus.empty ? await dc.beginDialog(FLOW_DIALOG_ID) : continued).result as FlowTurn;
    // The one place a reset is told: a record of another version, or a flow state this version cannot read.
    const view = reset || unreadable ? { ...result.view, notice: RESET_NOTICE } : result.view;
    return { result: { ...result, view }, dialog: holder.state };
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }
}

const startsAction = (input: AnalystInput): boolean => input.kind === 'action' && input.action.verb === 'act.start';

/** The confirmed action a turn saved as sending, if any. */
function toSend(result: FlowResult): ActionToSend | undefined {
  const pending = result.state?.act?.pending;
  return result.send && pending ? { pending, requests: result.send } : undefined;
}
