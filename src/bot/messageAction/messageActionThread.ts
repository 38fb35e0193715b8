import { Activity, MessageActionsPayload, TurnContext } from 'botbuilder-core';
import { AdaptiveCard } from '../../core/cards/templates';
import { Logger } from '../../ops/logger';
import { postCard } from '../delivery';
import { tenantOf } from '../conversation';

/** Teams message ids are numbers; anything else would only make a conversation id that goes nowhere. */
const MESSAGE_ID = /^[0-9A-Za-z._-]{1,100}$/;

/**
 * Where guidance about a selected message belongs: in a channel, the thread the message is in (a
 * reply names its thread's first message in `replyToId`); in a chat, the chat itself. Undefined
 * when the payload names no message to reply under.
 */
export function threadOf(activity: Partial<Activity>, payload: MessageActionsPayload | undefined): string | undefined {
  const conversation = activity.conversation;
  if (!conversation?.id) return undefined;
  if (conversation.conversationType !== 'channel') return conversation.id;
  const root = payload?.replyToId || payload?.id;
  if (typeof root !== 'string' || !MESSAGE_ID.test(root)) return undefined;
  const channel = conversation.id.split(';')[0];
  return `${channel};messageid=${root}`;
}

/**
 * Posts the card into `conversationId` as a proactive message on behalf of this turn's bot. False
 * when it did not get there (the bot is not in that chat, the connector refused), so the caller
 * can answer another way; the reason goes to the log as a warning. `afterPost` then runs in that
 * conversation, as this turn's analyst, with the message the card is in (the card is listed as
 * posted for them; the thread's record notes what they finished).
 */
export async function postInConversation(
  context: TurnContext,
  conversationId: string,
  card: AdaptiveCard,
  log: Logger,
  afterPost?: (threadContext: TurnContext, messageId: string | undefined) => Promise<void>,
): Promise<boolean> {
  const { conversation } = context.activity;
  // The tenant travels with the conversation, so the proactive turn is judged like this one.
  const tenantId = tenantOf(context.activity);
  const target = {
    ...TurnContext.getConversationReference(context.activity),
    conversation: { ...conversation, id: conversationId, ...(tenantId ? { tenantId } : {}) },
  };
  let posted = false;
  let failure: unknown;
  try {
    const { adapter, turnState } = context;
    await adapter.continueConversationAsync(turnState.get(adapter.BotIdentityKey), target, turnState.get(adapter.OAuthScopeKey), async (threadContext) => {
      // Caught here rather than by the adapter's turn-error handler, which would apologise in that conversation.
      let messageId: string | undefined;
      try {
        messageId = await postCard(threadContext, card);
        posted = true;
      } catch (error) {
        failure = error;
      }
      if (posted && afterPost) await afterPost(threadContext, messageId);
    });
  } catch (error) {
    failure = error;
  }
  if (failure !== undefined) log.warn({ err: failure }, 'guidance not posted in the conversation');
  return posted;
}
