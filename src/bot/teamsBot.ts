import { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, ChannelAccount, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { CardOwner } from '../core/cardActions';
import { renderCard } from '../core/cards/render';
import { View } from '../core/views';
import { cardInvokeResponse, messageInvokeResponse, postCard, replaceSubmittedCard } from './delivery';
import { IncomingTurn, readExecute, readMessage } from './incoming';
import { FlowRunner, StorageUnavailableError } from './flowRunner';
import { ALREADY_HANDLED_REPLY, foreignCardReply, refusedClickReply, STORAGE_DOWN_REPLY } from './replies';

const WELCOME: View = { card: 'menu', kind: 'welcome' };
const MAX_OWNER_NAME = 100;

/** The analyst a new card belongs to: whoever this turn came from. */
function ownerOf(from: ChannelAccount): CardOwner {
  return { id: from.id, name: (from.name || 'another analyst').slice(0, MAX_OWNER_NAME) };
}

/** What the turn's answer is: a card (and where it goes) or a short text. */
type Answer = { kind: 'card'; view: View; inPlace: boolean } | { kind: 'text'; text: string } | { kind: 'none' };

/**
 * The thin Bot Framework layer: routes Teams activities to the flow runner and delivers its views.
 * All decisions about the conversation are made in core/.
 */
export class TeamsBot extends TeamsActivityHandler {
  constructor(private readonly runner: FlowRunner) {
    super();
    this.onMessage(async (context, next) => {
      const turn = readMessage(context.activity);
      if (turn) await this.deliverMessageAnswer(context, await this.answer(context, turn));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botWasAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botWasAdded) await postCard(context, renderCard(WELCOME));
      await next();
    });
  }

  protected async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const turn = readExecute(data !== null && typeof data === 'object' && data.verb === verb ? data : { verb });
    const answer = await this.answer(context, turn);
    switch (answer.kind) {
      case 'none':
        return messageInvokeResponse(ALREADY_HANDLED_REPLY);
      case 'text':
        return messageInvokeResponse(answer.text);
      case 'card': {
        const card = renderCard(answer.view, ownerOf(context.activity.from));
        if (answer.inPlace) return cardInvokeResponse(card);
        await postCard(context, card);
        return messageInvokeResponse('Done: see the new card.');
      }
    }
  }

  private async answer(context: TurnContext, turn: IncomingTurn): Promise<Answer> {
    if (turn.kind === 'refused') return { kind: 'text', text: refusedClickReply(turn.problem) };
    if (turn.cardOwner && turn.cardOwner.id !== context.activity.from.id) {
      return { kind: 'text', text: foreignCardReply(turn.cardOwner.name) };
    }
    try {
      const outcome = await this.runner.run(context, turn.input);
      if (outcome.kind === 'duplicate') return { kind: 'none' };
      // Clicks on the analyst's own card move it; anything else is a new card in the conversation.
      const inPlace = turn.origin !== 'text' && turn.cardOwner !== undefined;
      return { kind: 'card', view: outcome.view, inPlace };
    } catch (error) {
      if (error instanceof StorageUnavailableError) return { kind: 'text', text: STORAGE_DOWN_REPLY };
      throw error;
    }
  }

  private async deliverMessageAnswer(context: TurnContext, answer: Answer): Promise<void> {
    if (answer.kind === 'none') return;
    if (answer.kind === 'text') {
      await context.sendActivity(answer.text);
      return;
    }
    const card = renderCard(answer.view, ownerOf(context.activity.from));
    await (answer.inPlace ? replaceSubmittedCard(context, card) : postCard(context, card));
  }
}
