import type { MiddlewareHandler } from 'botbuilder-core';

/**
 * Tells `note` where each authenticated activity came from (its Connector and conversation), then lets
 * the turn run: intake posts to the Connector it last saw from its channel. Never holds the turn up.
 */
export function channelSeen(note: (serviceUrl: string | undefined, conversationId: string | undefined) => void): MiddlewareHandler {
  return async (context, next) => {
    note(context.activity.serviceUrl, context.activity.conversation?.id);
    await next();
  };
}
