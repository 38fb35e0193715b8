import { randomUUID } from 'node:crypto';
import { recordKey } from '../../../src/bot/conversation/conversationRecord';
import { TASK_FETCH_INVOKE } from '../../../src/core/wireNames';
import { FakeConnector } from '../../../tools/fakeConnector';
import { button, Json } from '../../../tools/cardReader';
import { envelope, executeClick, WireActivity, WireChat } from '../../../tools/wireActivities';

/**
 * One analyst in one Teams personal chat, talking to bot processes over HTTP the way Teams does:
 * typed messages are answered through the connector, card clicks are `adaptiveCard/action` invokes
 * answered in the HTTP response. Clicks are built from the card JSON the bot returned.
 */

/** A card as the analyst sees it: its JSON and the chat message it sits in. */
export interface CardOnScreen {
  readonly card: Json;
  readonly messageId: string;
}

/** What a click got back: the card replaced in place, or a line shown only to the analyst. */
export type ClickAnswer = { kind: 'card'; card: Json } | { kind: 'message'; text: string };

const BOT_ACCOUNT = { id: '28:air-guide', name: 'AIR Guide' };
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';

export async function deliver(botUrl: string, activity: WireActivity): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Reads an invoke's HTTP answer as the client shows it. */
export function clickAnswerOf(answer: { status: number; body: unknown }): ClickAnswer {
  const body = answer.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
  if (answer.status !== 200 || body?.statusCode !== 200) throw new Error(`click failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return body.type === CARD_RESPONSE ? { kind: 'card', card: body.value as Json } : { kind: 'message', text: String(body.value) };
}

/** Where the analyst talks: a personal chat of their own by default, or a channel thread shared with others. */
export interface ChatPlace {
  readonly thread?: string;
  readonly analyst?: { readonly id: string; readonly name: string };
  /** The analyst's organisation (a default tenant otherwise). */
  readonly tenantId?: string;
}

const MENTION = `<at>${BOT_ACCOUNT.name}</at>`;

export class AnalystChat {
  readonly conversationId: string;
  readonly analyst: { readonly id: string; readonly name: string };
  private readonly inThread: boolean;
  private readonly tenantId: string;

  constructor(
    private readonly connector: FakeConnector,
    place: ChatPlace = {},
  ) {
    this.conversationId = place.thread ?? `a:faults-${randomUUID()}`;
    this.analyst = place.analyst ?? { id: `29:analyst-${randomUUID().slice(0, 8)}`, name: 'Riley Analyst' };
    this.inThread = place.thread !== undefined;
    this.tenantId = place.tenantId ?? TENANT_ID;
  }

  /** Where the bot keeps this analyst's state for this chat. */
  get recordKey(): string {
    return recordKey(this.base());
  }

  /** A typed message; in a channel thread it mentions the bot, as Teams needs there. */
  message(text: string): WireActivity {
    if (!this.inThread) return { ...this.base(), type: 'message', text };
    return { ...this.base(), type: 'message', text: `${MENTION} ${text}`, entities: [{ type: 'mention', mentioned: { ...BOT_ACCOUNT }, text: MENTION }] };
  }

  /** Clicking a card's `Action.Execute` button, with exactly the verb and data the card carries. */
  click(onScreen: CardOnScreen, title: string | RegExp): WireActivity {
    const { verb, data } = button(onScreen.card, title);
    return executeClick(this.wireChat(), verb, data, onScreen.messageId);
  }

  /** Clicking the `Action.Submit` fallback (clients without `Action.Execute`): a message whose value is its data. */
  submit(onScreen: CardOnScreen, title: string | RegExp): WireActivity {
    const { fallback } = button(onScreen.card, title) as { fallback?: { type: string; data: Json } };
    if (fallback?.type !== 'Action.Submit') throw new Error(`button "${title}" has no Action.Submit fallback`);
    return { ...this.base(), type: 'message', replyToId: onScreen.messageId, value: fallback.data };
  }

  /** Clicking a button that opens a dialog (`msteams: task/fetch`): the invoke Teams sends with the button's data. */
  openDialog(onScreen: CardOnScreen, title: string | RegExp): WireActivity {
    const { data } = button(onScreen.card, title);
    return { ...this.base(), type: 'invoke', name: TASK_FETCH_INVOKE, replyToId: onScreen.messageId, value: { data, context: { theme: 'default' } } };
  }

  /** Types a message and waits for the bot's answer in this chat. */
  async say(botUrl: string, text: string): Promise<WireActivity> {
    const answer = await deliver(botUrl, this.message(text));
    if (answer.status !== 200) throw new Error(`"${text}" got ${answer.status} ${JSON.stringify(answer.body)}`);
    return (await this.connector.nextReply(this.conversationId)).activity;
  }

  /** Types a message whose answer is a card, and returns that card where it sits. */
  async sayForCard(botUrl: string, text: string): Promise<CardOnScreen> {
    const answer = await deliver(botUrl, this.message(text));
    if (answer.status !== 200) throw new Error(`"${text}" got ${answer.status} ${JSON.stringify(answer.body)}`);
    const reply = await this.connector.nextReply(this.conversationId);
    const attachments = reply.activity.attachments as { content: Json }[] | undefined;
    if (!attachments?.[0]) throw new Error(`"${text}" was answered without a card: ${JSON.stringify(reply.activity.text)}`);
    return { card: attachments[0].content, messageId: reply.activityId };
  }

  /** Clicks a button and returns what replaced the card (the same message, moved in place). */
  async clickForCard(botUrl: string, onScreen: CardOnScreen, title: string | RegExp): Promise<CardOnScreen> {
    const answer = clickAnswerOf(await deliver(botUrl, this.click(onScreen, title)));
    if (answer.kind !== 'card') throw new Error(`clicking "${title}" was answered with "${answer.text}"`);
    return { card: answer.card, messageId: onScreen.messageId };
  }

  /** Clicks a button's Submit fallback and returns the card the bot put in that message's place. */
  async submitForCard(botUrl: string, onScreen: CardOnScreen, title: string | RegExp): Promise<CardOnScreen> {
    const answer = await deliver(botUrl, this.submit(onScreen, title));
    if (answer.status !== 200) throw new Error(`submitting "${title}" got ${answer.status} ${JSON.stringify(answer.body)}`);
    const update = await this.connector.nextReply(this.conversationId);
    if (update.kind !== 'update' || update.activityId !== onScreen.messageId) {
      throw new Error(`submitting "${title}" was answered by a ${update.kind} of ${update.activityId}, not an update of ${onScreen.messageId}`);
    }
    return { card: (update.activity.attachments as { content: Json }[])[0].content, messageId: onScreen.messageId };
  }

  private base(): WireActivity {
    return envelope(this.wireChat());
  }

  private wireChat(): WireChat {
    return {
      serviceUrl: this.connector.serviceUrl,
      conversationId: this.conversationId,
      tenantId: this.tenantId,
      analyst: this.analyst,
      bot: BOT_ACCOUNT,
      inChannel: this.inThread,
      idPrefix: 'faults',
    };
  }
}
