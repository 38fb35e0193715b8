import { Activity, BotAdapter, ResourceResponse, TurnContext } from 'botbuilder-core';
import { renderCard } from '../core/cards/render';
import { SAMPLE_VIEWS } from '../core/cards/sampleViews';
import { FlowDependencies } from '../core/flow/conversation';
import { MemoryStateStore } from '../storage/memory/memoryStateStore';
import { CARD_ACTION_INVOKE } from '../core/wireNames';
import { FlowRunner } from './turns';
import { TeamsBot } from './teamsBot';

/**
 * The first turns after start-up run cold: V8 has not compiled the bot's code yet and the templating
 * engine meets each card for the first time, so a burst of new conversations right after a start
 * was answered at about twice the echo bot's p99. A few walks through a private bot, in memory and
 * sending nowhere, take that cost before real traffic does; then every kind of card is rendered a
 * few more times, for the templating engine (adaptive-expressions), the hottest code a few walks
 * leave cold. That took the bench's first-burst p99 from 1.1-1.3x the echo bot's to about 0.8x.
 * More rounds gain little and grow the young generation early: each round adds about 0.5 MB to the
 * RSS right after start-up (V8 gives it back once idle). Each turn and each round of cards yields to
 * the event loop, so a request arriving meanwhile waits for one of them at most.
 */

const WALKS = 3;
/** About 0.1 s on this machine, in the background after the bot listens. */
const CARD_RENDER_ROUNDS = 15;
const CLICKS_PER_WALK = 12;
const ANALYST = { id: '29:warm-up', name: 'Warm-up' };
const TYPED = ['help', 'I reported a false positive URL in an email, what now?', 'thanks'];
const WALK_BUTTONS = ['I have them, continue', 'Next', 'A device'];

type Json = Record<string, unknown>;

/** Sends nothing anywhere: every card it is given is kept as the latest, with a fresh message id. */
class SilentAdapter extends BotAdapter {
  latest?: { card: unknown; messageId: string };
  private serial = 0;

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((activity) => {
      const id = `warm-up-${++this.serial}`;
      const card = activity.type === 'invokeResponse' ? (activity.value as { body?: { value?: unknown } })?.body?.value : activity.attachments?.[0]?.content;
      if (card && typeof card === 'object') this.latest = { card, messageId: activity.type === 'invokeResponse' ? (this.latest?.messageId ?? id) : id };
      return { id };
    });
  }

  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(): Promise<void> {}
}

/** The card's Action.Execute buttons, wherever they sit in it. */
function executeButtons(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const item of node) executeButtons(item, found);
  else if (node && typeof node === 'object') {
    if ((node as Json).type === 'Action.Execute') found.push(node as Json);
    for (const value of Object.values(node)) executeButtons(value, found);
  }
  return found;
}

export async function warmUp(deps: FlowDependencies): Promise<void> {
  const adapter = new SilentAdapter();
  const bot = new TeamsBot(new FlowRunner(new MemoryStateStore(), deps));
  const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let serial = 0;
  const turn = async (conversation: string, fields: Partial<Activity>): Promise<void> => {
    const activity = {
      id: `warm-up-activity-${++serial}`,
      channelId: 'msteams',
      serviceUrl: 'https://warm-up.invalid/',
      conversation: { id: conversation, conversationType: 'personal' },
      from: ANALYST,
      recipient: { id: '28:warm-up-bot', name: 'Bot' },
      ...fields,
    } as Activity;
    await bot.run(new TurnContext(adapter, activity));
    await yieldToRequests();
  };
  for (let walk = 0; walk < WALKS; walk++) {
    const conversation = `warm-up-${walk}`;
    for (const text of TYPED) await turn(conversation, { type: 'message', text });
    await turn(conversation, { type: 'message', text: 'undo' });
    for (let click = 0; click < CLICKS_PER_WALK && adapter.latest; click++) {
      const { card, messageId } = adapter.latest;
      const buttons = executeButtons(card);
      const button = WALK_BUTTONS.map((title) => buttons.find((b) => b.title === title)).find(Boolean);
      if (!button) break;
      await turn(conversation, { type: 'invoke', name: CARD_ACTION_INVOKE, replyToId: messageId, value: { action: { type: 'Action.Execute', verb: button.verb, data: button.data } } });
    }
  }
  for (let round = 0; round < CARD_RENDER_ROUNDS; round++) {
    for (const view of Object.values(SAMPLE_VIEWS)) renderCard(view);
    await yieldToRequests();
  }
}
