import { envelope, executeClick, WireChat } from '../../tools/wireActivities';

/** The edge tests' chat: one analyst, one personal chat, activities as Teams puts them on the wire. */

export const ANALYST = { id: '29:edge-analyst', name: 'Edge Analyst' };

const edgeChat = (serviceUrl: string): WireChat => ({
  serviceUrl,
  conversationId: 'a:edge-personal-chat',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  analyst: ANALYST,
  bot: { id: '28:air-bot', name: 'AIR Guide' },
  idPrefix: 'edge-activity',
});

export const typedMessage = (text: string, serviceUrl: string): Record<string, unknown> => ({
  ...envelope(edgeChat(serviceUrl)),
  type: 'message',
  text,
});

/** The message of the analyst's own card that wire clicks come from; the edge server lists it in the analyst's record. */
export const OWN_CARD_MESSAGE_ID = 'edge-own-card';
/** The message of a card for anyone (a menu), listed the same way. */
export const SHARED_CARD_MESSAGE_ID = 'edge-shared-card';

/** A click on an `Action.Execute` button of a card the bot posted in this chat: its own card unless `shared`. */
export const cardClick = (data: Record<string, unknown>, serviceUrl: string, shared = false): Record<string, unknown> =>
  executeClick(edgeChat(serviceUrl), data.verb, data, shared ? SHARED_CARD_MESSAGE_ID : OWN_CARD_MESSAGE_ID);

/** A click on the analyst's own card: answered in place. */
export const ownCardClick = (data: Record<string, unknown>, serviceUrl: string): Record<string, unknown> => cardClick(data, serviceUrl);
