/** Activities as Teams puts them on the wire to POST /api/messages: plain JSON, one analyst, one personal chat. */
import { CARD_ACTION_INVOKE } from '../../src/bot/wireNames';

export const ANALYST = { id: '29:edge-analyst', name: 'Edge Analyst' };
const BOT = { id: '28:air-bot', name: 'AIR Guide' };

let counter = 0;

function base(serviceUrl: string): Record<string, unknown> {
  return {
    id: `edge-activity-${++counter}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    conversation: { id: 'a:edge-personal-chat', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    from: { ...ANALYST },
    recipient: { ...BOT },
    channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
  };
}

export const typedMessage = (text: string, serviceUrl: string): Record<string, unknown> => ({
  ...base(serviceUrl),
  type: 'message',
  text,
});

/** The message of the analyst's own card that wire clicks come from; the edge server notes it in the ownership ledger. */
export const OWN_CARD_MESSAGE_ID = 'edge-own-card';
/** The message of a card for anyone (a menu), noted the same way. */
export const SHARED_CARD_MESSAGE_ID = 'edge-shared-card';

/** A click on an `Action.Execute` button of a card the bot posted in this chat: its own card unless `shared`. */
export const cardClick = (data: Record<string, unknown>, serviceUrl: string, shared = false): Record<string, unknown> => ({
  ...base(serviceUrl),
  type: 'invoke',
  name: CARD_ACTION_INVOKE,
  replyToId: shared ? SHARED_CARD_MESSAGE_ID : OWN_CARD_MESSAGE_ID,
  value: { action: { type: 'Action.Execute', verb: data.verb, data } },
});

/** A click on the analyst's own card: answered in place. */
export const ownCardClick = (data: Record<string, unknown>, serviceUrl: string): Record<string, unknown> => cardClick(data, serviceUrl);
