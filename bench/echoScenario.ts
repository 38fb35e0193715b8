import { BenchConversation } from './conversation';
import { TimedTurn } from './scenario';

/** The echo bot's turn: a text message, answered by the same text at the connector. */
export async function openEchoConversation(conversation: BenchConversation): Promise<TimedTurn> {
  const exchange = async (text: string): Promise<number> => {
    const { reply, latencyMs } = await conversation.say(text);
    if (reply.activity.text !== `Echo: ${text}`) {
      throw new Error(`conversation ${conversation.id}: expected an echo of "${text}", got "${String(reply.activity.text).slice(0, 100)}"`);
    }
    return latencyMs;
  };
  await exchange('hello');
  let turn = 0;
  return () => exchange(`turn ${++turn} in ${conversation.id}`);
}
