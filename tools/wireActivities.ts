import { randomUUID } from 'node:crypto';
import { CARD_ACTION_INVOKE } from '../src/core/wireNames';

/**
 * Activities as Teams puts them on the wire to POST /api/messages: plain JSON for one analyst in
 * one chat. Tests and the benchmark build their typed messages and card clicks here.
 */

export type WireActivity = Record<string, unknown>;

export interface Account {
  readonly id: string;
  readonly name: string;
}

/** One chat as every activity in it describes it. */
export interface WireChat {
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly tenantId: string;
  readonly analyst: Account;
  readonly bot: Account;
  /** A channel thread shared with others, rather than a personal chat. */
  readonly inChannel?: boolean;
  /** Starts every activity id, to tell whose activities they are. */
  readonly idPrefix: string;
}

/** What every activity in the chat carries, with an id of its own. */
export function envelope(chat: WireChat): WireActivity & { id: string } {
  return {
    id: `${chat.idPrefix}-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: chat.serviceUrl,
    timestamp: new Date().toISOString(),
    conversation: {
      id: chat.conversationId,
      conversationType: chat.inChannel ? 'channel' : 'personal',
      ...(chat.inChannel ? { isGroup: true } : {}),
      tenantId: chat.tenantId,
    },
    from: { ...chat.analyst },
    recipient: { ...chat.bot },
    channelData: { tenant: { id: chat.tenantId } },
  };
}

/** A click on an `Action.Execute` button, with the verb and data the card carries, on the message the card sits in. */
export const executeClick = (chat: WireChat, verb: unknown, data: unknown, cardMessageId: string): WireActivity & { id: string } => ({
  ...envelope(chat),
  type: 'invoke',
  name: CARD_ACTION_INVOKE,
  replyToId: cardMessageId,
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});
