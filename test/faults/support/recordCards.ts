import { ConnectorCall, FakeConnector } from '../../../tools/fakeConnector';
import { Json, titleOf } from '../../../tools/cardReader';

/** The thread's record cards as the connector received them. */

const cardIn = (call: ConnectorCall): Json | undefined => (call.activity.attachments as { content: Json }[] | undefined)?.[0]?.content;

/** Every record card the bot posted in `thread`, and the card each now shows (its last post or update). */
export function recordCardsIn(connector: FakeConnector, thread: string): { posted: string[]; showing: (messageId: string) => Json } {
  const calls = connector.calls.filter((call) => call.conversationId === thread && titleOf(cardIn(call) ?? { body: [] }) === 'Incident record');
  return {
    posted: calls.filter((call) => call.kind === 'post').map((call) => call.activityId),
    showing: (messageId) => cardIn(calls.filter((call) => call.activityId === messageId).at(-1)!)!,
  };
}
