import { ActivityTypes, AdaptiveCardInvokeResponse, ChannelAccount, InvokeResponse, TextFormatTypes, TurnContext } from 'botbuilder-core';
// Not the botbuilder index, for the start-up cost explained in adapter.ts.
import { TeamsActivityHandler } from 'botbuilder/lib/teamsActivityHandler';
import type { MessagingExtensionAction, MessagingExtensionActionResponse } from 'botbuilder-core';
import { CardOwner } from '../core/cardActions';
import { isOwnedCard, renderCard } from '../core/cards/render';
import { View } from '../core/views';
import { CARD_ACTION_INVOKE, cardInvokeResponse, messageInvokeResponse, postCard, replaceSubmittedCard } from './delivery';
import { IncomingTurn, readExecute, readMessage } from './incoming';
import { continueReportDialog, openReportDialog } from './messageAction';
import { FlowRunner, StorageUnavailableError } from './flowRunner';
import { OwnershipLedger } from './ownershipLedger';
import { ALREADY_HANDLED_REPLY, foreignCardReply, refusedClickReply, STORAGE_DOWN_REPLY } from './replies';

const WELCOME: View = { card: 'menu', kind: 'welcome' };
const MAX_OWNER_NAME = 100;

/** The analyst a new card belongs to: whoever this turn came from. */
function ownerOf(from: ChannelAccount): CardOwner {
  const name = typeof from.name === 'string' && from.name !== '' ? from.name : 'another analyst';
  return { id: from.id, name: name.slice(0, MAX_OWNER_NAME) };
}

/** What the turn's answer is: a card (and where it goes) or a short text. */
type Answer = { kind: 'card'; view: View; inPlace: boolean } | { kind: 'text'; text: string } | { kind: 'none' };

/**
 * The thin Bot Framework layer: routes Teams activities to the flow runner and delivers its views.
 * All decisions about the conversation are made in core/.
 */
export class TeamsBot extends TeamsActivityHandler {
  /** Kept in the runner's storage: cards and records live and expire together. */
  private readonly ledger: OwnershipLedger;

  constructor(private readonly runner: FlowRunner) {
    super();
    this.ledger = new OwnershipLedger(runner.storage);
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

  /** A button in that dialog was clicked. */
  protected handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return continueReportDialog(context, action);
  }

  private async answerClick(context: TurnContext, turn: IncomingTurn): Promise<AdaptiveCardInvokeResponse> {
    const answer = await this.answer(context, turn);
    switch (answer.kind) {
      case 'none':
        return messageInvokeResponse(ALREADY_HANDLED_REPLY);
      case 'text':
        return messageInvokeResponse(answer.text);
      case 'card': {
        if (answer.inPlace) return cardInvokeResponse(renderCard(answer.view, ownerOf(context.activity.from)));
        await this.postView(context, answer.view);
        return messageInvokeResponse('Done: see the new card.');
      }
    }
  }

  private async answer(context: TurnContext, turn: IncomingTurn): Promise<Answer> {
    if (turn.kind === 'refused') return { kind: 'text', text: refusedClickReply(turn.problem) };
    try {
      const owner = turn.origin === 'text' ? undefined : await this.ledger.ownerOfClickedCard(context.activity, turn.cardOwner);
      if (owner && owner.id !== context.activity.from.id) return { kind: 'text', text: foreignCardReply(owner.name) };
      const outcome = await this.runner.run(context, turn.input);
      if (outcome.kind === 'duplicate') return { kind: 'none' };
      // Clicks on the analyst's own card move it; anything else is a new card in the conversation.
      return { kind: 'card', view: outcome.view, inPlace: owner !== undefined };
    } catch (error) {
      if (error instanceof StorageUnavailableError) return { kind: 'text', text: STORAGE_DOWN_REPLY };
      throw error;
    }
  }

  private async deliverMessageAnswer(context: TurnContext, answer: Answer): Promise<void> {
    if (answer.kind === 'none') return;
    if (answer.kind === 'text') {
      // Plain text: a reply that quotes anything sent to the bot never renders as a link or markup.
      await context.sendActivity({ type: ActivityTypes.Message, text: answer.text, textFormat: TextFormatTypes.Plain });
      return;
    }
    if (!answer.inPlace) return this.postView(context, answer.view);
    const card = renderCard(answer.view, ownerOf(context.activity.from));
    await this.noteCard(context, await replaceSubmittedCard(context, card), answer.view);
  }

  /** Posts a view as a new card in this conversation. */
  private async postView(context: TurnContext, view: View): Promise<void> {
    await this.noteCard(context, await postCard(context, renderCard(view, ownerOf(context.activity.from))), view);
  }

  /** Tells the ledger whose card a newly posted message holds, so clicks on it are judged by it. */
  private async noteCard(context: TurnContext, messageId: string | undefined, view: View): Promise<void> {
    if (!messageId) return;
    await this.ledger.notePosted(context.activity, messageId, isOwnedCard(view) ? ownerOf(context.activity.from) : undefined);
  }
}
