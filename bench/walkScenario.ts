import { BenchConversation } from './conversation';
import { CardCarrier, cardOf, ExecuteButton, executeButtonsOf, Json } from '../tools/cardReader';
import { TimedTurn } from './scenario';

/**
 * This bot's turn: one click through the undo walk-through, answered in place by the invoke's
 * response. The walk goes forward to the last step and back to the first, again and again, so
 * every turn is a real step; the buttons are read from the card the bot returned, as a client would.
 */

const INVOKE_CARD = 'application/vnd.microsoft.card.adaptive';
const CONTINUE = 'I have them, continue';

type Direction = 'forward' | 'back';

interface WalkPosition {
  readonly card: Json;
  /** The message the card sits in: clicks on it name it as their replyToId. */
  readonly messageId: string;
  readonly walk: string;
  readonly direction: Direction;
}

function findButton(buttons: readonly ExecuteButton[], title: string): ExecuteButton | undefined {
  return buttons.find((b) => b.title === title);
}

/** Which button moves the walk on, and the direction after it. */
function choose(position: WalkPosition): { button: ExecuteButton; direction: Direction; stepChange: number } {
  const buttons = executeButtonsOf(position.card);
  const next = findButton(buttons, 'Next');
  const back = findButton(buttons, 'Back');
  const branch = buttons.find((b) => b.verb === 'undo.branch');
  const step = Number(back?.data.step);
  const atFirstStep = step === 1;
  if (position.direction === 'forward' || atFirstStep) {
    if (next) return { button: next, direction: 'forward', stepChange: 1 };
    // The branch step offers no Next until email or device is chosen; choosing is that step's click.
    if (branch) return { button: branch, direction: 'forward', stepChange: 0 };
  }
  if (!back) throw new Error(`no way on from this card; its buttons: ${buttons.map((b) => b.title).join(' | ')}`);
  return { button: back, direction: 'back', stepChange: -1 };
}

/** Checks the card answers this analyst's walk at the expected step: a card from another conversation would not. */
function expectStep(card: Json, conversation: BenchConversation, walk: string, step: number): void {
  const back = findButton(executeButtonsOf(card), 'Back');
  const data = back?.data;
  if (data?.walk !== walk || data.owner !== conversation.analyst.id || data.step !== step) {
    throw new Error(
      `conversation ${conversation.id}: expected walk ${walk} at step ${step} for ${conversation.analyst.id}, got ${JSON.stringify(data)}`,
    );
  }
}

function cardOfInvokeAnswer(body: unknown, conversation: BenchConversation): Json {
  const answer = body as { type?: string; value: Json } | undefined;
  if (answer?.type !== INVOKE_CARD) throw new Error(`conversation ${conversation.id}: expected a card, got ${JSON.stringify(body).slice(0, 200)}`);
  return answer.value;
}

/** Untimed set-up: `undo`, then the permissions card's continue, which leaves the walk at step 1. */
export async function startWalk(conversation: BenchConversation): Promise<WalkPosition> {
  const { reply } = await conversation.say('undo');
  const proceed = findButton(executeButtonsOf(cardOf(reply.activity as CardCarrier)), CONTINUE);
  if (!proceed) throw new Error(`conversation ${conversation.id}: the undo answer has no "${CONTINUE}" button`);
  const walk = String(proceed.data.walk);
  const { answer } = await conversation.click(proceed.verb, proceed.data, reply.activityId);
  const card = cardOfInvokeAnswer(answer.body, conversation);
  expectStep(card, conversation, walk, 1);
  return { card, messageId: reply.activityId, walk, direction: 'forward' };
}

export async function openWalkConversation(conversation: BenchConversation): Promise<TimedTurn> {
  let position = await startWalk(conversation);
  return async () => {
    const { button, direction, stepChange } = choose(position);
    const { answer, latencyMs } = await conversation.click(button.verb, button.data, position.messageId);
    const card = cardOfInvokeAnswer(answer.body, conversation);
    expectStep(card, conversation, position.walk, Number(button.data.step) + stepChange);
    position = { ...position, card, direction };
    return latencyMs;
  };
}
