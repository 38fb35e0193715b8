import { randomUUID } from 'node:crypto';
import { Activity, ActivityEx, ActivityTypes, ConversationReference, TestAdapter, TurnContext } from 'botbuilder';
import { createBot } from '../../src/app';
import { CARD_ACTION_INVOKE } from '../../src/core/wireNames';
import { createLogger, Logger } from '../../src/ops/logger';
import { MemoryStateStore } from '../../src/storage/memory/memoryStateStore';
import type { StateStore } from '../../src/storage/stateStore';
import { buttonsOf, CardButton, Json } from '../../tools/cardReader';

/** Drives the real TeamsBot through the SDK's TestAdapter, as Teams would: text, submits, invokes. */

export interface Actor {
  readonly id: string;
  readonly name: string;
}

export const ALICE: Actor = { id: '29:alice', name: 'Alice Analyst' };
export const BOB: Actor = { id: '29:bob', name: 'Bob Responder' };
export const BOT: Actor = { id: '28:air-bot', name: 'AIR Guide' };

export type Scope = 'personal' | 'groupChat' | 'channel';

const CONVERSATIONS: Readonly<Record<Scope, Activity['conversation']>> = {
  personal: { id: 'a:personal-chat', conversationType: 'personal', isGroup: false, name: '' },
  groupChat: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' },
  channel: { id: '19:incident-42@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true, name: '' },
};

export interface TurnOptions {
  readonly as?: Actor;
  readonly scope?: Scope;
  /** Only for text in group scopes: whether to @mention the bot (default true there). */
  readonly mention?: boolean;
  /** The message the clicked card sits in. */
  readonly replyToId?: string;
  readonly id?: string;
}

/** What the bot did in one turn, as the channel saw it. */
export interface TurnResult {
  readonly posted: Partial<Activity>[];
  readonly updated: Partial<Activity>[];
  readonly invokeResponse?: { status: number; body: Json };
}

class RecordingAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];

  updateActivity(context: TurnContext, activity: Partial<Activity>): ReturnType<TestAdapter["updateActivity"]> {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }

  /** A proactive message (a reply in a channel thread): its posts land in `posted` with the conversation they went to. */
  async continueConversationAsync(
    _identity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (logic) await this.runMiddleware(this.createContext(ActivityEx.getContinuationActivity(reference)), logic);
  }
}

/** A button as the bot drew it: its data (verb, step, walk) tells one card's button from another's. */
const buttonKey = (clicked: CardButton): string => JSON.stringify(clicked.data ?? null);
const MESSAGE_WITH_NO_CARD = 'card-message-1';

export class BotHarness {
  readonly adapter: RecordingAdapter;
  private walkCounter = 0;
  /** Which message last showed each button, so a click names the message it came from, as Teams does. */
  private readonly shownIn = new Map<string, string>();
  /** What turns left for after their answer (record cards): a turn's result includes what it did. */
  private readonly afterReplies = new Set<Promise<void>>();

  constructor(
    readonly storage: StateStore = new MemoryStateStore(),
    private readonly log: Logger = createLogger('silent'),
  ) {
    const bot = createBot(storage, { newWalkId: () => `walk-${++this.walkCounter}` }, log, undefined, (work) => {
      this.afterReplies.add(work);
      void work.finally(() => this.afterReplies.delete(work));
    });
    this.adapter = new RecordingAdapter((context) => bot.run(context));
  }

  /** A new bot on the same storage, in the same chats: the channel still shows the cards it showed. */
  restarted(): BotHarness {
    const next = new BotHarness(this.storage, this.log);
    for (const [shown, messageId] of this.shownIn) next.shownIn.set(shown, messageId);
    return next;
  }

  async send(activity: Partial<Activity>, options: TurnOptions = {}): Promise<TurnResult> {
    const scope = options.scope ?? 'personal';
    const from = options.as ?? ALICE;
    const queueBefore = this.adapter.activeQueue.length;
    const updatesBefore = this.adapter.updates.length;
    await this.adapter.processActivity({
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.invalid/teams/',
      conversation: CONVERSATIONS[scope],
      from: { ...from },
      recipient: { ...BOT },
      channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
      // Teams activity ids are unique across restarts; the TestAdapter's counter is not.
      id: options.id ?? randomUUID(),
      ...(options.replyToId ? { replyToId: options.replyToId } : {}),
      ...activity,
    } as Activity);
    while (this.afterReplies.size > 0) await Promise.all(this.afterReplies);
    const sent = this.adapter.activeQueue.splice(queueBefore);
    const invoke = sent.find((a) => a.type === ActivityTypes.InvokeResponse);
    const result: TurnResult = {
      posted: sent.filter((a) => a.type === ActivityTypes.Message),
      updated: this.adapter.updates.slice(updatesBefore),
      ...(invoke ? { invokeResponse: invoke.value as { status: number; body: Json } } : {}),
    };
    this.noteShown(result, options.replyToId);
    return result;
  }

  private noteShown(result: TurnResult, clickedMessage: string | undefined): void {
    const show = (card: unknown, messageId: unknown): void => {
      if (typeof messageId !== 'string' || !card || typeof card !== 'object') return;
      for (const b of buttonsOf(card as Json)) this.shownIn.set(buttonKey(b), messageId);
    };
    for (const activity of [...result.posted, ...result.updated]) show(activity.attachments?.[0]?.content, activity.id);
    const body = result.invokeResponse?.body;
    if (body?.type === 'application/vnd.microsoft.card.adaptive') show(body.value, clickedMessage);
  }

  /** The message a click comes from: the one given, else the one that last showed this button. */
  private clickedMessage(clicked: CardButton, options: TurnOptions): TurnOptions {
    return { ...options, replyToId: options.replyToId ?? this.shownIn.get(buttonKey(clicked)) ?? MESSAGE_WITH_NO_CARD };
  }

  say(text: string, options: TurnOptions = {}): Promise<TurnResult> {
    const mention = (options.scope ?? 'personal') !== 'personal' && options.mention !== false;
    const tag = `<at>${BOT.name}</at>`;
    return this.send(
      {
        type: ActivityTypes.Message,
        text: mention ? `${tag} ${text}` : text,
        ...(mention ? { entities: [{ type: 'mention', mentioned: { ...BOT }, text: tag }] } : {}),
      },
      options,
    );
  }

  /** A click on an `Action.Execute` button: the `adaptiveCard/action` invoke Teams sends. */
  execute(clicked: CardButton, options: TurnOptions = {}): Promise<TurnResult> {
    return this.send(
      {
        type: ActivityTypes.Invoke,
        name: CARD_ACTION_INVOKE,
        value: { action: { type: 'Action.Execute', verb: clicked.verb, data: clicked.data }, trigger: 'manual' },
      },
      this.clickedMessage(clicked, options),
    );
  }

  /** Any other invoke Teams sends (a message action's `composeExtension/fetchTask`, `/submitAction`). */
  invoke(name: string, value: unknown, options: TurnOptions = {}): Promise<TurnResult> {
    return this.send({ type: ActivityTypes.Invoke, name, value }, options);
  }

  /** A click on the `Action.Submit` fallback: a message whose value is the button's data, with no text. */
  submit(clicked: CardButton, options: TurnOptions = {}): Promise<TurnResult> {
    return this.send({ type: ActivityTypes.Message, value: clicked.data }, this.clickedMessage(clicked, options));
  }
}
