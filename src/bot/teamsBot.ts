import { AnalystInput, readEvidence } from '../core/flow/conversation';
import { threadAbout } from '../intake';
import type { StateStore } from '../storage/stateStore';
import { ActivityTypes, AdaptiveCardInvokeResponse, InvokeResponse, TextFormatTypes, TurnContext } from 'botbuilder-core';
// Not the botbuilder index, for the start-up cost explained in adapter.ts.
import { TeamsActivityHandler } from 'botbuilder/lib/teamsActivityHandler';
import type { MessagingExtensionAction, MessagingExtensionActionResponse, TaskModuleRequest, TaskModuleResponse } from 'botbuilder-core';
import { parseCommand } from '../core/commands';
import { Finished } from '../core/recordEntry';
import { smallTalkReply } from '../core/smallTalk';
import { View } from '../core/views';
import { createLogger, Logger } from '../ops/logger';
import { markTurnFailed } from '../ops/turnScope';
import { StorageBusyError, StorageUnavailableError } from '../storage/errors';
import { cardInvokeResponse, ClaimedReply, messageInvokeResponse, postCard, replaceCard, afterReplyTracked, Track } from './delivery';
import { ActionToSend, ALREADY_HANDLED_REPLY, FlowRunner, foreignCardReply, IncomingTurn, readExecute, readMessage, refusedClickReply, STORAGE_BUSY_REPLY, STORAGE_DOWN_REPLY, UNKNOWN_CARD_REPLY } from './turns';
import { continueReportDialog, openReportDialog } from './messageAction';
import { ActionCallSettings, ConfirmedActions } from './actions';
import { recordCopyDialog, RecordKeeper } from './record';
import { cardFor, clickedCardOf } from './conversation';
import { CARD_ACTION_INVOKE } from '../core/wireNames';

const WELCOME: View = { card: 'menu', kind: 'welcome' };

/**
 * What the turn's answer is: a card, moved in place in message `inPlace` or else posted anew (`reply`
 * when it is saved until sent), or a short text.
 */
type Answer =
  | { kind: 'card'; view: View; inPlace?: string; reply?: ClaimedReply; finished?: Finished; send?: Sending }
  | { kind: 'text'; text: string }
  | { kind: 'record' }
  | { kind: 'none' };

/** A confirmed direct action to send once its "being sent" card is out, with the analyst's token. */
interface Sending {
  readonly action: ActionToSend;
  readonly token: string;
}

const EMPTY_RECORD_REPLY = 'Nothing is in this thread\'s record yet: it starts when someone finishes a report, an alert adjustment or an undo walk-through here.';

/** `record`, typed or from a button: answered from the record store, beside the conversation's flow. */
const asksForRecord = (turn: IncomingTurn): boolean =>
  turn.kind === 'input' &&
  (turn.input.kind === 'text' ? parseCommand(turn.input.text) === 'record' : turn.input.action.verb === 'command' && turn.input.action.command === 'record');

/** The analyst's answer when storage failed: the turn is logged as failed, the cause is in the storage error line. */
function storageFailureReply(error: StorageUnavailableError): string {
  markTurnFailed();
  return error.cause instanceof StorageBusyError ? STORAGE_BUSY_REPLY : STORAGE_DOWN_REPLY;
}

/**
 * The thin Bot Framework layer: routes Teams activities to the flow runner and delivers its views.
 * All decisions about the conversation are made in core/.
 */
export class TeamsBot extends TeamsActivityHandler {
  /** Each thread's record of what analysts finished, kept in the same storage. */
  private readonly record: RecordKeeper;
  /** With DIRECT_ACTIONS=on: confirmed actions are sent as the analyst. */
  private readonly actions: ConfirmedActions | undefined;

  constructor(
    private readonly runner: FlowRunner,
    private readonly log: Logger = createLogger('silent'),
    actionCalls?: ActionCallSettings,
    /** Keeps work left for after a turn's answer (record cards, confirmed actions) known to shutdown. */
    track: Track = (work) => void work,
  ) {
    super();
    const afterReply = afterReplyTracked(track, log);
    this.record = new RecordKeeper(runner.storage, log, afterReply);
    this.actions = actionCalls && new ConfirmedActions(actionCalls, runner, this.record, afterReply, log);
    this.onMessage(async (context, next) => {
      const turn = readMessage(context.activity);
      if (turn) await this.deliverMessageAnswer(context, await this.answer(context, turn));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const added: unknown = context.activity.membersAdded;
      const botWasAdded = Array.isArray(added) && added.some((m) => m?.id === context.activity.recipient.id);
      if (botWasAdded) await this.postView(context, WELCOME);
      await next();
    });
  }

  /**
   * Card clicks (`adaptiveCard/action`) are read here rather than by the SDK, which reads
   * `value.action.type` unchecked and so fails on a value without an action instead of answering.
   */
  protected async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== CARD_ACTION_INVOKE) return super.onInvokeActivity(context);
    const response = await this.answerClick(context, readExecute(context.activity.value));
    return { status: response.statusCode, body: response };
  }

  /** The "Report false positive/negative" message action opens its dialog. */
  protected async handleTeamsMessagingExtensionFetchTask(_context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return openReportDialog(action);
  }

  /** "Copy for the ticket" on a record card opens its dialog. */
  protected handleTeamsTaskModuleFetch(context: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    return recordCopyDialog(context, request, this.record, Date.now());
  }

  /** A button in that dialog was clicked. */
  protected handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return continueReportDialog(context, action, this.log, { storage: this.runner.storage, record: this.record });
  }

  private async answerClick(context: TurnContext, turn: IncomingTurn): Promise<AdaptiveCardInvokeResponse> {
    const answer = await this.answer(context, turn);
    switch (answer.kind) {
      case 'none':
        return messageInvokeResponse(ALREADY_HANDLED_REPLY);
      case 'text':
        return messageInvokeResponse(answer.text);
      case 'record':
        return messageInvokeResponse((await this.showRecord(context)) ?? 'Done: see the record below.');
      case 'card': {
        if (answer.inPlace) {
          if (answer.finished) await this.record.note(context, answer.finished);
          if (answer.send) this.actions?.start(context, answer.send.action, answer.send.token, answer.inPlace);
          return cardInvokeResponse(cardFor(context.activity, answer.view));
        }
        await this.deliverCard(context, answer);
        return messageInvokeResponse('Done: see the new card.');
      }
    }
  }

  private async answer(context: TurnContext, turn: IncomingTurn): Promise<Answer> {
    if (turn.kind === 'refused') return { kind: 'text', text: refusedClickReply(turn.problem) };
    // Small talk ("thanks", "ok") gets one short line: no card, no state.
    const smallTalk = turn.input.kind === 'text' ? smallTalkReply(turn.input.text) : undefined;
    if (smallTalk !== undefined) return { kind: 'text', text: smallTalk };
    if (asksForRecord(turn)) return { kind: 'record' };
    try {
      const tokens = this.actions?.tokenCheck(context);
      // Clicks on the analyst's own card move it (inPlace); anything else is a new card in the conversation.
      const outcome = await this.runner.run(context, await withThreadIncident(this.runner.storage, context, turn.input), {
        // An incident card (intake) is posted for the whole channel, not for one analyst: any click on it starts its path.
        clickedCard: turn.origin === 'text' || isIncidentClick(turn.input) ? undefined : () => clickedCardOf(this.runner.storage, context.activity),
        viaConnector: (inPlace) => !(inPlace && turn.origin === 'execute'),
        ...(tokens ? { beforeSending: tokens.beforeSending } : {}),
      });
      if (outcome.kind === 'refused') return { kind: 'text', text: outcome.card.kind === 'owned' ? foreignCardReply(outcome.card.owner.name) : UNKNOWN_CARD_REPLY };
      if (outcome.kind === 'duplicate') return { kind: 'none' };
      if (outcome.kind === 'held') return { kind: 'text', text: outcome.text };
      const { inPlace } = outcome;
      const { finished, send: action } = outcome.kind === 'answered' ? outcome : { finished: undefined, send: undefined };
      const token = tokens?.token();
      const send = action && token ? { send: { action, token } } : {};
      return { kind: 'card', view: outcome.view, inPlace, reply: outcome.reply, ...(finished ? { finished } : {}), ...send };
    } catch (error) {
      if (error instanceof StorageUnavailableError) return { kind: 'text', text: storageFailureReply(error) };
      throw error;
    }
  }

  private async deliverMessageAnswer(context: TurnContext, answer: Answer): Promise<void> {
    if (answer.kind === 'none') return;
    if (answer.kind === 'text' || answer.kind === 'record') {
      const text = answer.kind === 'text' ? answer.text : await this.showRecord(context);
      // Plain text: a reply that quotes anything sent to the bot never renders as a link or markup.
      if (text) await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: TextFormatTypes.Plain });
      return;
    }
    await this.deliverCard(context, answer);
  }

  /** `record`: the record card re-posted; else the line saying why not. */
  private async showRecord(context: TurnContext): Promise<string | undefined> {
    try {
      return (await this.record.show(context)) === 'empty' ? EMPTY_RECORD_REPLY : undefined;
    } catch (error) {
      if (error instanceof StorageUnavailableError) return storageFailureReply(error);
      throw error;
    }
  }

  /** Sends a card through the connector; a saved reply is confirmed once the connector took it. */
  private async deliverCard(context: TurnContext, answer: Extract<Answer, { kind: 'card' }>): Promise<void> {
    const { inPlace, view } = answer;
    // Resolves with the message the card is now in, so the analyst's record can list it.
    let messageId: string | undefined;
    const deliver = async (): Promise<string | undefined> => {
      if (!inPlace) return (messageId = await this.postView(context, view));
      await this.replaceView(context, inPlace, view);
      return (messageId = inPlace);
    };
    if (!answer.reply) await deliver();
    else if (!(await this.runner.sendReply(answer.reply, deliver))) this.log.error('reply sent but not recorded as sent: a re-delivery of its message would send it again, and clicks on its card are refused');
    if (answer.send) this.actions?.start(context, answer.send.action, answer.send.token, messageId);
    // Recorded once the answer is out: the record says what the analyst was shown.
    if (answer.finished) await this.record.note(context, answer.finished);
  }

  /** Replaces the analyst's own card in `messageId`, the message a submit came from. */
  private async replaceView(context: TurnContext, messageId: string, view: View): Promise<void> {
    await replaceCard(context, messageId, cardFor(context.activity, view));
  }

  /** Posts a view as a new card in this conversation. */
  private async postView(context: TurnContext, view: View): Promise<string | undefined> {
    return postCard(context, cardFor(context.activity, view));
  }
}

const isIncidentClick = (input: AnalystInput): boolean => input.kind === 'action' && input.action.verb === 'intake.path';

/**
 * A message typed in a thread intake posted ("@bot it was clean") is about that thread's incident:
 * when it names no evidence of its own, the incident and its entity (defanged) are read with it. A
 * click on the incident card, or such a message, also carries what an undo needs of the entity (its
 * Defender ids), from the bot's own store: the card's data never supplies them.
 */
async function withThreadIncident(storage: StateStore, context: TurnContext, input: AnalystInput): Promise<AnalystInput> {
  const conversationId = context.activity.conversation?.id;
  if (context.activity.conversation?.conversationType !== 'channel' || !conversationId) return input;
  if (input.kind === 'action') {
    if (input.action.verb !== 'intake.path') return input;
    const about = await threadAbout(storage, conversationId);
    return about?.incident === input.action.incident ? { ...input, known: about.known } : input;
  }
  if ((readEvidence(input.text)?.evidence.length ?? 0) > 0) return input;
  const about = await threadAbout(storage, conversationId);
  return about ? { kind: 'text', text: `${input.text} (incident ${about.incident}: ${about.display})`, known: about.known } : input;
}
