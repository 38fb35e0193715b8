import type { AdaptiveCard } from '../core/cards/templates';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../core/wireNames';
import type { AppToken } from './appTokens';
import { pause, retryAfterMs } from './waitFor';

/** Teams removed the bot from the team (403 MessageWritesBlocked): nothing more can be posted there. */
export class WritesBlockedError extends Error {
  constructor() {
    super('the Bot Connector answered 403 MessageWritesBlocked: the bot can no longer post in the intake channel');
    this.name = 'WritesBlockedError';
  }
}

export class PostFailedError extends Error {
  constructor(readonly status: number | undefined) {
    super(`the Bot Connector did not take the post (${status ?? 'no answer'})`);
    this.name = 'PostFailedError';
  }
}

export interface ThreadTarget {
  /** Where the Connector is, asked at each post: it may change when Teams moves the channel's traffic. */
  readonly serviceUrl: () => Promise<string>;
  readonly channelId: string;
  readonly teamId: string | undefined;
  readonly tenantId: string | undefined;
  readonly botId: string | undefined;
}

export interface PostedThread {
  readonly conversationId: string;
  readonly activityId: string;
}

const MAX_ATTEMPTS = 6;
const REQUEST_TIMEOUT_MS = 15_000;
const FIRST_BACKOFF_MS = 1_000;

/**
 * Posts new threads in one channel through the Bot Connector (`POST /v3/conversations`) and updates
 * their cards in place. New threads go out one at a time, each in the slot `nextSlot` gives it (epoch
 * ms: one a second across every instance; Teams allows a bot far more per thread, but a burst of new
 * threads floods the channel); the rest wait their turn.
 */
export class ChannelPoster {
  private queue: Promise<unknown> = Promise.resolve();
  private blocked = false;

  constructor(
    private readonly target: ThreadTarget,
    private readonly token: AppToken,
    private readonly nextSlot: () => Promise<number>,
    private readonly signal: AbortSignal,
  ) {}

  newThread(card: AdaptiveCard): Promise<PostedThread> {
    const turn = this.queue.then(async () => {
      await pause((await this.nextSlot()) - Date.now(), this.signal);
      const { channelId, teamId, tenantId, botId } = this.target;
      const body = await this.send('POST', 'v3/conversations', {
        isGroup: true,
        ...(botId ? { bot: { id: botId } } : {}),
        ...(tenantId ? { tenantId } : {}),
        channelData: { channel: { id: channelId }, ...(teamId ? { team: { id: teamId } } : {}), ...(tenantId ? { tenant: { id: tenantId } } : {}) },
        activity: { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] },
      });
      const conversationId = typeof body.id === 'string' ? body.id : undefined;
      const activityId = typeof body.activityId === 'string' ? body.activityId : undefined;
      if (!conversationId || !activityId) throw new PostFailedError(200);
      return { conversationId, activityId };
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  async update(thread: PostedThread, card: AdaptiveCard): Promise<void> {
    const path = `v3/conversations/${encodeURIComponent(thread.conversationId)}/activities/${encodeURIComponent(thread.activityId)}`;
    await this.send('PUT', path, { type: 'message', id: thread.activityId, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] });
  }

  private async send(method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
    const url = `${(await this.target.serviceUrl()).replace(/\/+$/, '')}/${path}`;
    if (this.blocked) throw new WritesBlockedError();
    for (let attempt = 1; ; attempt++) {
      const bearer = await this.token();
      let response: Response | undefined;
      try {
        response = await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.any([this.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
        });
      } catch {
        // No answer: the post may or may not have landed; the caller keeps its claim and a later poll decides.
        throw new PostFailedError(undefined);
      }
      if (response.ok) return ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
      const answer = (await response.json().catch(() => ({}))) as { error?: { code?: unknown } };
      if (response.status === 403 && answer?.error?.code === 'MessageWritesBlocked') {
        this.blocked = true;
        throw new WritesBlockedError();
      }
      const retryable = response.status === 429 || response.status === 412 || response.status >= 500;
      if (!retryable || attempt >= MAX_ATTEMPTS || this.signal.aborted) throw new PostFailedError(response.status);
      await pause(retryAfterMs(response.headers.get('retry-after'), FIRST_BACKOFF_MS * 2 ** (attempt - 1)), this.signal);
    }
  }
}
