import type { ConnectorCall, FakeConnector } from '../tools/fakeConnector';
import { ActivityPoster, HttpAnswer } from './httpClient';
import { Account, envelope, executeClick, WireChat } from '../tools/wireActivities';

/** Where a benchmark conversation talks: the bot it posts to, and the fake connector its replies reach. */
export interface Channel {
  readonly poster: ActivityPoster;
  readonly connector: FakeConnector;
}

const BOT = { id: '28:bench-bot', name: 'Bench Bot' };
const TENANT = '00000000-0000-4000-8000-000000000000';
const SUCCESS = /^2\d\d$/;

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
