import { BenchConversation } from './conversation';

/** One timed turn of a conversation: resolves with its latency in ms, throws on a wrong or missing reply. */
export type TimedTurn = () => Promise<number>;

/** Sets a conversation up (untimed) and returns how to take its timed turns. */
export type OpenConversation = (conversation: BenchConversation) => Promise<TimedTurn>;
