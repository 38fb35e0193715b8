import { Channel, BenchConversation } from './conversation';
import { ErrorTally } from './errorTally';
import { inPool } from './pool';
import { cpuMsOf } from './processStats';
import { OpenConversation, TimedTurn } from './scenario';
import { RoundTrips, StorageWire, tripsBetween } from './storageWire';

export interface LoadShape {
  /** Conversations driven at once. */
  readonly conversations: number;
  /** Turns each conversation takes, one after another. */
  readonly turns: number;
}

export interface LoadResult {
  readonly turns: number;
  readonly wallMs: number;
  /** CPU the bot process used during the timed turns. */
  readonly cpuMs: number;
  readonly latenciesMs: number[];
  /** The first message of each conversation, all opened at once: the cold start of a burst. */
  readonly firstTurnLatenciesMs: number[];
  /** Storage round trips per timed turn, when the store is behind a counting wire. */
  readonly tripsPerTurn?: RoundTrips;
  readonly errors: ErrorTally;
}

export const benchAnalyst = (index: number) => ({ id: `29:bench-analyst-${index}`, name: `Bench Analyst ${index}` });

/** A message the bot sent that no turn took as its reply went somewhere no one was waiting. */
function noteStrayReplies(channel: Channel, conversations: readonly BenchConversation[], errors: ErrorTally): void {
  const arrived = new Map<string, number>();
  for (const call of channel.connector.calls) arrived.set(call.conversationId, (arrived.get(call.conversationId) ?? 0) + 1);
  for (const conversation of conversations) {
    const strays = (arrived.get(conversation.id) ?? 0) - conversation.repliesTaken;
    if (strays > 0) errors.note(new Error(`conversation ${conversation.id}: ${strays} message(s) from the bot that answered no turn`));
  }
}

/**
 * Opens every conversation (untimed), then times all of them taking their turns at once, each
 * waiting for the reply to one turn before the next. A conversation stops at its first error.
 */
export async function runLoad(
  channel: Channel,
  label: string,
  open: OpenConversation,
  botPid: number,
  shape: LoadShape,
  wire?: StorageWire,
): Promise<LoadResult> {
  const errors = new ErrorTally();
  const conversations = Array.from({ length: shape.conversations }, (_, index) => new BenchConversation(`${label}-${index}`, benchAnalyst(index), channel));
  const opened: TimedTurn[] = [];
  await inPool(conversations.length, conversations.length, async (index) => {
    try {
      opened.push(await open(conversations[index]));
    } catch (error) {
      errors.note(error);
    }
  });

  const latenciesMs: number[] = [];
  const tripsBefore = wire?.snapshot();
  const cpuBefore = cpuMsOf(botPid);
  const started = performance.now();
  await Promise.all(
    opened.map(async (turn) => {
      for (let done = 0; done < shape.turns; done++) {
        try {
          latenciesMs.push(await turn());
        } catch (error) {
          errors.note(error);
          return;
        }
      }
    }),
  );
  const wallMs = performance.now() - started;
  const cpuMs = cpuMsOf(botPid) - cpuBefore;
  const tripsPerTurn = wire && tripsBefore ? tripsBetween(tripsBefore, wire.snapshot(), latenciesMs.length) : undefined;
  noteStrayReplies(channel, conversations, errors);
  const firstTurnLatenciesMs = conversations.flatMap((c) => (c.firstLatencyMs === undefined ? [] : [c.firstLatencyMs]));
  return { turns: latenciesMs.length, wallMs, cpuMs, latenciesMs, firstTurnLatenciesMs, ...(tripsPerTurn ? { tripsPerTurn } : {}), errors };
}
