import path from 'node:path';
import { startAzurite } from '../tools/azurite';
import { CardCarrier, cardOf, ExecuteButton, executeButtonsOf, Json } from '../tools/cardReader';
import type { ConnectorCall } from '../tools/fakeConnector';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../src/core/wireNames';
import { BenchConversation, ConversationOpening } from './load';
import { StorageWire } from './storageWire';

/**
 * The bots under test: how each is started, and what a conversation with it is. The echo bot's turn
 * is a message echoed back; this bot's is a click through the undo walk-through.
 */

/** A bot under test: how to start it, what first message it answers, and how its conversations go. */
export interface Subject {
  readonly name: string;
  /** Built server to run, relative to dist/; undefined: this bot. */
  readonly script?: string;
  /** Settings beyond the harness's; `stateDir` is a fresh temporary folder for this run. */
  readonly env: (stateDir: string) => Record<string, string>;
  /** Typed first, to time the start-up up to the first answer. */
  readonly greeting: string;
  readonly opening: ConversationOpening;
  /** Leaves a conversation half done, for the paused-conversations measurement: two turns for either bot. */
  readonly pause: (conversation: BenchConversation) => Promise<void>;
  /** The counting proxy its store is reached through, if any. */
  readonly wire?: StorageWire;
}

function expectEcho(conversation: BenchConversation, text: string, reply: ConnectorCall): void {
  if (reply.activity.text !== `Echo: ${text}`) {
    throw new Error(`conversation ${conversation.id}: expected an echo of "${text}", got "${String(reply.activity.text).slice(0, 100)}"`);
  }
}

/** The echo bot's turn: a text message, answered by the same text at the connector. */
const ECHO_OPENING: ConversationOpening = {
  firstMessage: 'hello',
  continueFrom: async (conversation, firstReply) => {
    expectEcho(conversation, 'hello', firstReply);
    let turn = 0;
    return async () => {
      const text = `turn ${++turn} in ${conversation.id}`;
      const { reply, latencyMs } = await conversation.say(text);
      expectEcho(conversation, text, reply);
      return latencyMs;
    };
  },
};

export const ECHO_BOT: Subject = {
  name: 'echo bot',
  script: path.join('bench', 'echoBot.js'),
  env: () => ({}),
  greeting: 'hello',
  opening: ECHO_OPENING,
  // The same two turns this bot's pause takes, so the memory figures compare like with like.
  pause: async (conversation) => {
    const { reply } = await conversation.say(ECHO_OPENING.firstMessage);
    const turn = await ECHO_OPENING.continueFrom(conversation, reply);
    await turn();
  },
};

/*
 * This bot's walk goes forward to the last step and back to the first, again and again, so every
 * turn is a real step, answered in place by the invoke's response; the buttons are read from the
 * card the bot returned, as a client would.
 */

const CONTINUE = 'I have them, continue';

type Direction = 'forward' | 'back';

interface WalkPosition {
  readonly card: Json;
  /** The message the card sits in: clicks on it name it as their replyToId. */
  readonly messageId: string;
  readonly walk: string;
  readonly direction: Direction;
}

const buttonTitled = (buttons: readonly ExecuteButton[], title: string): ExecuteButton | undefined => buttons.find((b) => b.title === title);

/** Which button moves the walk on, and the direction after it. */
function nextMove(position: WalkPosition): { button: ExecuteButton; direction: Direction; stepChange: number } {
  const buttons = executeButtonsOf(position.card);
  const next = buttonTitled(buttons, 'Next');
  const back = buttonTitled(buttons, 'Back');
  const branch = buttons.find((b) => b.verb === 'undo.branch');
  const atFirstStep = Number(back?.data.step) === 1;
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
  const data = buttonTitled(executeButtonsOf(card), 'Back')?.data;
  if (data?.walk !== walk || data.step !== step) {
    throw new Error(
      `conversation ${conversation.id}: expected walk ${walk} at step ${step} for ${conversation.analyst.id}, got ${JSON.stringify(data)}`,
    );
  }
}

function cardOfInvokeAnswer(body: unknown, conversation: BenchConversation): Json {
  const answer = body as { type?: string; value: Json } | undefined;
  if (answer?.type !== ADAPTIVE_CARD_CONTENT_TYPE) throw new Error(`conversation ${conversation.id}: expected a card, got ${JSON.stringify(body).slice(0, 200)}`);
  return answer.value;
}

/** Untimed set-up, from the answer to `undo`: the permissions card's continue, which leaves the walk at step 1. */
async function startWalk(conversation: BenchConversation, reply: ConnectorCall): Promise<WalkPosition> {
  const proceed = buttonTitled(executeButtonsOf(cardOf(reply.activity as CardCarrier)), CONTINUE);
  if (!proceed) throw new Error(`conversation ${conversation.id}: the undo answer has no "${CONTINUE}" button`);
  const walk = String(proceed.data.walk);
  const { answer } = await conversation.click(proceed.verb, proceed.data, reply.activityId);
  const card = cardOfInvokeAnswer(answer.body, conversation);
  expectStep(card, conversation, walk, 1);
  return { card, messageId: reply.activityId, walk, direction: 'forward' };
}

const WALK_OPENING: ConversationOpening = {
  firstMessage: 'undo',
  continueFrom: async (conversation, firstReply) => {
    let position = await startWalk(conversation, firstReply);
    return async () => {
      const { button, direction, stepChange } = nextMove(position);
      const { answer, latencyMs } = await conversation.click(button.verb, button.data, position.messageId);
      const card = cardOfInvokeAnswer(answer.body, conversation);
      expectStep(card, conversation, position.walk, Number(button.data.step) + stepChange);
      position = { ...position, card, direction };
      return latencyMs;
    };
  },
};

/** Where this bot keeps its SQLite state inside a run's state folder. */
export const stateDbPath = (stateDir: string): string => path.join(stateDir, 'state.db');

const walkingBot = {
  greeting: 'help',
  opening: WALK_OPENING,
  // `undo`, then continue: the walk waits at step 1.
  pause: async (conversation: BenchConversation) => void (await startWalk(conversation, (await conversation.say(WALK_OPENING.firstMessage)).reply)),
};

/** This bot with its default durable storage, SQLite, in a file of its own. */
export const thisBot = (logLevel: string): Subject => ({
  ...walkingBot,
  name: logLevel === 'info' ? 'this bot, logs on' : 'this bot',
  env: (stateDir) => ({ STORAGE: 'sqlite', STATE_DB_PATH: stateDbPath(stateDir), LOG_LEVEL: logLevel }),
});

/** This bot on Azure Blob storage, for the length of a run: a private Azurite behind a counting wire. */
interface BlobService {
  /** A fresh container per run, reached through the wire so its round trips are counted. */
  readonly thisBotOnBlob: (logLevel: string) => Subject;
  close(): Promise<void>;
}

export async function startBlobService(): Promise<BlobService> {
  const azurite = await startAzurite();
  const endpoint = new URL(/BlobEndpoint=([^;]+)/.exec(azurite.connectionString)![1]);
  const wire = await StorageWire.inFrontOf(endpoint);
  const throughWire = azurite.connectionString.replace(endpoint.host, `127.0.0.1:${wire.port}`);
  return {
    thisBotOnBlob: (logLevel) => ({
      ...walkingBot,
      name: logLevel === 'info' ? 'this bot on Blob, logs on' : 'this bot on Blob',
      wire,
      env: (stateDir) => ({
        STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: throughWire,
        AZURE_STORAGE_CONTAINER: `bench-${path.basename(stateDir).replace(/[^a-z0-9]/gi, '').toLowerCase()}`,
        LOG_LEVEL: logLevel,
      }),
    }),
    close: async () => {
      await wire.close();
      await azurite.dispose();
    },
  };
}
