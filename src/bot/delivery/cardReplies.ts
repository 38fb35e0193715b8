import { AdaptiveCardInvokeResponse, Attachment, CardFactory, InvokeResponse, MessageFactory, TurnContext } from 'botbuilder-core';
import { AdaptiveCard } from '../../core/cards/templates';
import { ADAPTIVE_CARD_CONTENT_TYPE, CARD_ACTION_INVOKE, MESSAGE_CONTENT_TYPE } from '../../core/wireNames';

/**
 * How an answer reaches Teams. A click on the analyst's own card moves that card in place: the
 * `Action.Execute` invoke answers with the next card, an `Action.Submit` updates the message it
 * came from. Anything else is posted as a new message in the same conversation or thread.
 */


export const cardAttachment = (card: AdaptiveCard): Attachment => CardFactory.adaptiveCard(card);

/** Posts the card as a new message; returns that message's id, when the channel gives one. */
export async function postCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
  const sent = await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  return sent?.id;
}

/** Replaces the card in message `messageId` (the one an `Action.Submit` came from). */
export async function replaceCard(context: TurnContext, messageId: string, card: AdaptiveCard): Promise<void> {
  const update = MessageFactory.attachment(cardAttachment(card));
  update.id = messageId;
  await context.updateActivity(update);
}

/** The invoke answer that replaces the clicked card for everyone who sees it. */
export const cardInvokeResponse = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: ADAPTIVE_CARD_CONTENT_TYPE,
  value: card as unknown as Record<string, unknown>,
});

/** An invoke answer shown only to the person who clicked; the card stays as it is. */
export const messageInvokeResponse = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: MESSAGE_CONTENT_TYPE,
  value: text as unknown as Record<string, unknown>,
});

/** A short text as an invoke's answer: a card click shows it to whoever clicked; any other invoke gets `otherwiseStatus`. */
export const textInvokeResponse = (invokeName: string | undefined, text: string, otherwiseStatus: number): InvokeResponse =>
  invokeName === CARD_ACTION_INVOKE ? { status: 200, body: messageInvokeResponse(text) } : { status: otherwiseStatus };
