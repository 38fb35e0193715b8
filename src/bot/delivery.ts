import { AdaptiveCardInvokeResponse, Attachment, CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import { AdaptiveCard } from '../core/cards/templates';

/**
 * How an answer reaches Teams. A click on the analyst's own card moves that card in place: the
 * `Action.Execute` invoke answers with the next card, an `Action.Submit` updates the message it
 * came from. Anything else is posted as a new message in the same conversation or thread.
 */

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

export const cardAttachment = (card: AdaptiveCard): Attachment => CardFactory.adaptiveCard(card);

export async function postCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

/** Replaces the card a submit came from; posts it anew where the client gave no message to replace. */
export async function replaceSubmittedCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  const replyToId = context.activity.replyToId;
  if (!replyToId) return postCard(context, card);
  const update = MessageFactory.attachment(cardAttachment(card));
  update.id = replyToId;
  await context.updateActivity(update);
}

/** The invoke answer that replaces the clicked card for everyone who sees it. */
export const cardInvokeResponse = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: CARD_RESPONSE,
  value: card as unknown as Record<string, unknown>,
});

/** An invoke answer shown only to the person who clicked; the card stays as it is. */
export const messageInvokeResponse = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: MESSAGE_RESPONSE,
  value: text as unknown as Record<string, unknown>,
});
