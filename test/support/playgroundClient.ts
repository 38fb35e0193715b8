import WebSocket from 'ws';
import { CARD_ACTION_INVOKE } from '../../src/core/wireNames';
import { CardButton, cardOf, Json } from '../../tools/cardReader';

/**
 * Talks to Microsoft 365 Agents Playground the way its web page does: REST calls to post messages
 * and click card buttons, and the conversation WebSocket on which the bot's messages arrive.
 */

export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
}

/** The made-up tenant the Playground simulates (its default configuration). */
export interface PlaygroundWorld {
  readonly bot: PlaygroundUser;
  /** The user the web page acts as. */
  readonly me: PlaygroundUser;
  /** Other members of the team and the group chat. */
  readonly others: readonly PlaygroundUser[];
  readonly personalChatId: string;
  readonly groupChatId: string;
  /** The team's first channel (General). */
  readonly channelId: string;
}

/** A message as the Playground shows it; attachments have the same shape as on an activity. */
export interface PlaygroundMessage {
  readonly messageId: string;
  readonly from: { readonly id: string };
  readonly text?: string;
  readonly attachments: { readonly contentType: string; readonly content: unknown }[];
}

/** The Adaptive Card a message shows. */
export const cardIn = (message: PlaygroundMessage): Json => cardOf({ attachments: message.attachments });

/** What the WebSocket reports: a message created or updated in a conversation (or someone typing). */
interface ConversationEvent {
  readonly action: string;
  readonly actionConversationId: string;
  readonly message?: PlaygroundMessage;
}

/** The answer to an `Action.Execute` click: a card that replaces the clicked one, or a text for the clicker. */
export interface InvokeAnswer {
  readonly type: string;
  readonly value: unknown;
}

const REPLY_TIMEOUT_MS = 10_000;

interface RawConfig {
  config: {
    bot: { id: string; name: string };
    currentUser: PlaygroundUser;
    users: PlaygroundUser[];
    personalChat: { id: string };
    groupChats: { id: string }[];
    teams: { channels: { id: string }[] }[];
  };
}

export class PlaygroundClient {
  /** Every WebSocket event so far, oldest first. */
  private readonly events: ConversationEvent[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly baseUrl: string,
    private readonly socket: WebSocket,
    readonly world: PlaygroundWorld,
  ) {
    socket.on('message', (data) => {
      this.events.push(JSON.parse(data.toString()) as ConversationEvent);
      this.waiters.forEach((wake) => wake());
    });
  }

  static async connect(baseUrl: string): Promise<PlaygroundClient> {
    const raw = (await (await fetch(`${baseUrl}/_internal/v1/config`)).json()) as RawConfig;
    const { config } = raw;
    const world: PlaygroundWorld = {
      bot: config.bot,
      me: config.currentUser,
      others: config.users,
      personalChatId: config.personalChat.id,
      groupChatId: config.groupChats[0].id,
      channelId: config.teams[0].channels[0].id,
    };
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new PlaygroundClient(baseUrl, socket, world);
  }

  close(): void {
    this.socket.close();
  }

  /** A bookmark in the event stream: the `...Since` methods count only what came after it. */
  mark(): number {
    return this.events.length;
  }

  /** The bot's messages that are new in a conversation (a channel thread, a chat) since a mark. */
  createdSince(mark: number, conversationId: string): PlaygroundMessage[] {
    return this.messagesSince(mark, conversationId, 'createMessage');
  }

  /** The bot's updates to existing messages in a conversation since a mark. */
  updatedSince(mark: number, conversationId: string): PlaygroundMessage[] {
    return this.messagesSince(mark, conversationId, 'updateMessage');
  }

  /**
   * Posts a message as `user`. In a channel (not a thread) it starts a new thread; the returned id
   * is the conversation the bot answers in. Mentioning the bot is what Teams needs outside 1:1 chat.
   */
  async post(conversationId: string, user: PlaygroundUser, text: string, mentionBot: boolean): Promise<string> {
    const tag = `<at>${this.world.bot.name}</at>`;
    const typed = { text: mentionBot ? `${tag} ${text}` : text, textFormat: 'xml' };
    if (user.id !== this.world.me.id) {
      const mention = { type: 'mention', mentioned: { id: this.world.bot.id, name: this.world.bot.name }, text: tag };
      await this.mockMessage(conversationId, user, { ...typed, ...(mentionBot ? { entities: [mention] } : {}) });
      return conversationId;
    }
    const body = {
      from: { id: user.id },
      ...typed,
      ...(mentionBot ? { mentions: [{ mentioned: { id: this.world.bot.id }, text: tag }] } : {}),
    };
    const answer = (await this.request(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body)) as {
      postConversationId?: string;
    };
    return answer.postConversationId ?? conversationId;
  }

  /**
   * The Playground types as its own user only (it checks `from` but sends the message as that
   * user), so another member's message goes through its "mock an activity" API: the bot sees it
   * from them, but the Playground does not keep it, so it cannot start a channel thread.
   */
  private async mockMessage(conversationId: string, user: PlaygroundUser, content: Json): Promise<void> {
    if (conversationId === this.world.channelId) throw new Error("only the Playground's own user can start a channel thread");
    const query = `conversationId=${encodeURIComponent(conversationId)}`;
    const template = (await (await fetch(`${this.baseUrl}/_internal/v1/customActivities/template?${query}`)).json()) as Json;
    await this.request('/_internal/v1/customActivities', { ...template, type: 'message', from: { id: user.id, name: user.name }, ...content });
  }

  /** Posts a message and waits for the bot's first new message in the conversation it lands in. */
  async ask(conversationId: string, user: PlaygroundUser, text: string, mentionBot: boolean): Promise<{ conversationId: string; reply: PlaygroundMessage }> {
    const mark = this.mark();
    const target = await this.post(conversationId, user, text, mentionBot);
    return { conversationId: target, reply: await this.nextCreated(mark, target) };
  }

  /** An `Action.Execute` click, as the page sends it: the Playground forwards it as an `adaptiveCard/action` invoke. */
  async execute(conversationId: string, user: PlaygroundUser, messageId: string, clicked: CardButton): Promise<InvokeAnswer> {
    return (await this.request('/_conversation/v1/invoke', {
      name: CARD_ACTION_INVOKE,
      value: { action: { type: 'Action.Execute', verb: clicked.verb, data: clicked.data }, trigger: 'manual' },
      from: { id: user.id },
      conversation: { id: conversationId },
      replyToId: messageId,
    })) as InvokeAnswer;
  }

  /** An `Action.Submit` click (clients without Universal Actions): a message carrying the button's data. */
  async submit(conversationId: string, user: PlaygroundUser, messageId: string, clicked: CardButton): Promise<void> {
    await this.request('/_conversation/v1/submit', {
      conversation: { id: conversationId },
      from: { id: user.id },
      replyToId: messageId,
      value: clicked.data,
    });
  }

  /** Waits for the first bot message created in a conversation after a mark. */
  nextCreated(mark: number, conversationId: string): Promise<PlaygroundMessage> {
    return this.waitFor(() => this.createdSince(mark, conversationId)[0], `a new bot message in ${conversationId}`);
  }

  /** Waits for the first update of a message after a mark. */
  nextUpdate(mark: number, conversationId: string): Promise<PlaygroundMessage> {
    return this.waitFor(() => this.updatedSince(mark, conversationId)[0], `an update in ${conversationId}`);
  }

  private messagesSince(mark: number, conversationId: string, action: string): PlaygroundMessage[] {
    return this.events
      .slice(mark)
      .filter((e) => e.action === action && e.actionConversationId === conversationId && e.message?.from.id === this.world.bot.id)
      .map((e) => e.message as PlaygroundMessage);
  }

  private async request(path: string, body: Json): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Playground ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  /** Waits until `find` finds something in what the Playground showed (`what` names it for the timeout's message). */
  waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${what} within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      this.waiters.add(check);
      check();
    });
  }
}
