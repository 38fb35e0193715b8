/** Activities as Teams puts them on the wire to POST /api/messages: plain JSON, one analyst, one personal chat. */

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

/** A click on an `Action.Execute` button of a card that belongs to the analyst: answered in place. */
export const ownCardClick = (data: Record<string, unknown>, serviceUrl: string): Record<string, unknown> => ({
  ...base(serviceUrl),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb: data.verb, data: { ...data, owner: ANALYST.id, ownerName: ANALYST.name } } },
});
