import http from 'node:http';
import { text } from 'node:stream/consumers';
import type { ConnectorCall, FakeConnector } from '../tools/fakeConnector';
import { Account, envelope, executeClick, WireChat } from '../tools/wireActivities';
import { cpuMsOf } from './instruments';
import { RoundTrips, StorageWire, tripsBetween } from './storageWire';

/**
 * The load generator: analysts' personal chats driven over HTTP as Teams would drive them, many at
 * once, each turn timed from the post to the bot's answer.
 */

export interface HttpAnswer {
  readonly status: number;
  /** The parsed JSON body, or undefined for an empty one. */
  readonly body: unknown;
}

/** Posts activities to a bot the way the channel does: JSON over kept-alive connections. */
export class ActivityPoster {
  // One pool per bot: no socket outlives the process it was connected to.
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly botUrl: string) {}

  post(activity: object): Promise<HttpAnswer> {
    const payload = JSON.stringify(activity);
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${this.botUrl}/api/messages`,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          text(response).then((body) => {
            try {
              resolve({ status: response.statusCode ?? 0, body: body === '' ? undefined : JSON.parse(body) });
            } catch (error) {
              reject(new Error(`HTTP ${response.statusCode} with a body that is not JSON: ${body.slice(0, 200)} (${error})`));
            }
          }, reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Where a benchmark conversation talks: the bot it posts to, and the fake connector its replies reach. */
export interface Channel {
  readonly poster: ActivityPoster;
  readonly connector: FakeConnector;
}

const BOT = { id: '28:bench-bot', name: 'Bench Bot' };
const TENANT = '00000000-0000-4000-8000-000000000000';
const SUCCESS = /^2\d\d$/;

export const benchAnalyst = (index: number): Account => ({ id: `29:bench-analyst-${index}`, name: `Bench Analyst ${index}` });

/** One analyst's personal chat with a bot, driven as Teams would: typed messages and card clicks. */
export class BenchConversation {
  /** How many of the connector's calls in this conversation were taken as replies: any other is a stray. */
  repliesTaken = 0;
  /** Latency of this conversation's first message: a new conversation's first turn, cold for the bot. */
  firstLatencyMs?: number;

  constructor(
    readonly id: string,
    readonly analyst: Account,
    private readonly channel: Channel,
  ) {}

  /**
   * Types `text` and waits for the bot's reply at the connector; the latency ends when the reply
   * arrives there. Throws when the reply lands anywhere but as an answer to this very message.
   */
  async say(text: string): Promise<{ reply: ConnectorCall; latencyMs: number }> {
    const activity = { ...envelope(this.wireChat()), type: 'message', text };
    const started = performance.now();
    const [answer, reply] = await Promise.all([this.channel.poster.post(activity), this.channel.connector.nextReply(this.id)]);
    this.repliesTaken++;
    expectSuccess(answer, activity.id);
    if (reply.kind !== 'post' || reply.replyToId !== activity.id) {
      throw new Error(`conversation ${this.id}: expected a reply to ${activity.id}, got a ${reply.kind} answering ${reply.replyToId}`);
    }
    const latencyMs = reply.at - started;
    this.firstLatencyMs ??= latencyMs;
    return { reply, latencyMs };
  }

  /** Clicks an `Action.Execute` button on the card posted as message `cardMessageId`; the answer is the HTTP response. */
  async click(verb: string, data: object, cardMessageId: string): Promise<{ answer: HttpAnswer; latencyMs: number }> {
    const activity = executeClick(this.wireChat(), verb, data, cardMessageId);
    const started = performance.now();
    const answer = await this.channel.poster.post(activity);
    const latencyMs = performance.now() - started;
    expectSuccess(answer, activity.id);
    return { answer, latencyMs };
  }

  private wireChat(): WireChat {
    return { serviceUrl: this.channel.connector.serviceUrl, conversationId: this.id, tenantId: TENANT, analyst: this.analyst, bot: BOT, idPrefix: 'bench' };
  }
}

function expectSuccess(answer: HttpAnswer, activityId: string): void {
  if (!SUCCESS.test(String(answer.status))) {
    throw new Error(`activity ${activityId}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  }
}

/** One timed turn of a conversation: resolves with its latency in ms, throws on a wrong or missing reply. */
export type TimedTurn = () => Promise<number>;

/** How a conversation starts: its first message, then, from that message's reply, the untimed set-up that returns its timed turns. */
export interface ConversationOpening {
  readonly firstMessage: string;
  readonly continueFrom: (conversation: BenchConversation, firstReply: ConnectorCall) => Promise<TimedTurn>;
}

/** Counts failures and keeps the first few messages, so a failing run says why without flooding the output. */
export class ErrorTally {
  private static readonly KEPT = 5;
  count = 0;
  readonly samples: string[] = [];

  note(error: unknown): void {
    this.count++;
    if (this.samples.length < ErrorTally.KEPT) this.samples.push(error instanceof Error ? error.message : String(error));
  }
}

/** Runs task(0..count-1) with at most `concurrency` of them in flight; resolves when all have settled. */
export async function inPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < count) await task(nextIndex++);
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
}

export interface LoadShape {
  /** Conversations driven at once. */
  readonly conversations: number;
  /** Turns each conversation takes, one after another. */
  readonly turns: number;
}

interface LoadResult {
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

/**
 * Opens every conversation (untimed), then times all of them taking their turns at once, each
 * waiting for the reply to one turn before the next. A conversation stops at its first error.
 */
export async function runLoad(
  channel: Channel,
  label: string,
  opening: ConversationOpening,
  botPid: number,
  shape: LoadShape,
  wire?: StorageWire,
): Promise<LoadResult> {
  const errors = new ErrorTally();
  const conversations = Array.from({ length: shape.conversations }, (_, index) => new BenchConversation(`${label}-${index}`, benchAnalyst(index), channel));
  // The burst: every conversation's first message at once and nothing else, for either bot, so the
  // first-turn figures compare like with like (a set-up step of one bot must not overlap the burst).
  const firstReplies = new Map<number, ConnectorCall>();
  await inPool(conversations.length, conversations.length, async (index) => {
    try {
      firstReplies.set(index, (await conversations[index].say(opening.firstMessage)).reply);
    } catch (error) {
      errors.note(error);
    }
  });
  const opened: TimedTurn[] = [];
  await inPool(conversations.length, conversations.length, async (index) => {
    const firstReply = firstReplies.get(index);
    if (!firstReply) return;
    try {
      opened.push(await opening.continueFrom(conversations[index], firstReply));
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

  // A message the bot sent that no turn took as its reply went somewhere no one was waiting.
  const arrived = new Map<string, number>();
  for (const call of channel.connector.calls) arrived.set(call.conversationId, (arrived.get(call.conversationId) ?? 0) + 1);
  for (const conversation of conversations) {
    const strays = (arrived.get(conversation.id) ?? 0) - conversation.repliesTaken;
    if (strays > 0) errors.note(new Error(`conversation ${conversation.id}: ${strays} message(s) from the bot that answered no turn`));
  }

  const firstTurnLatenciesMs = conversations.flatMap((c) => (c.firstLatencyMs === undefined ? [] : [c.firstLatencyMs]));
  return { turns: latenciesMs.length, wallMs, cpuMs, latenciesMs, firstTurnLatenciesMs, ...(tripsPerTurn ? { tripsPerTurn } : {}), errors };
}
