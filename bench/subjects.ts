import path from 'node:path';
import { BenchConversation } from './conversation';
import { openEchoConversation } from './echoScenario';
import { OpenConversation } from './scenario';
import type { StorageWire } from './storageWire';
import { openWalkConversation, startWalk } from './walkScenario';

/** A bot under test: how to start it, what first message it answers, and how its conversations go. */
export interface Subject {
  readonly name: string;
  /** Built server to run, relative to dist/; undefined: this bot. */
  readonly script?: string;
  /** Settings beyond the harness's; `stateDir` is a fresh temporary folder for this run. */
  readonly env: (stateDir: string) => Record<string, string>;
  /** Typed first, to time the start-up up to the first answer. */
  readonly greeting: string;
  readonly open: OpenConversation;
  /** Leaves a conversation half done, for the paused-conversations measurement: two turns for either bot. */
  readonly pause: (conversation: BenchConversation) => Promise<void>;
  /** The counting proxy its store is reached through, if any. */
  readonly wire?: StorageWire;
}

export const ECHO_BOT: Subject = {
  name: 'echo bot',
  script: path.join('bench', 'echoBot.js'),
  env: () => ({}),
  greeting: 'hello',
  open: openEchoConversation,
  // The same two turns this bot's pause takes, so the memory figures compare like with like.
  pause: async (conversation) => {
    const turn = await openEchoConversation(conversation);
    await turn();
  },
};

/** Where this bot keeps its SQLite state inside a run's state folder. */
export const stateDbPath = (stateDir: string): string => path.join(stateDir, 'state.db');

const walkingBot = {
  greeting: 'help',
  open: openWalkConversation,
  // `undo`, then continue: the walk waits at step 1.
  pause: async (conversation: BenchConversation) => void (await startWalk(conversation)),
};

/** This bot with its default durable storage, SQLite, in a file of its own. */
export const thisBot = (logLevel: string): Subject => ({
  ...walkingBot,
  name: logLevel === 'info' ? 'this bot, logs on' : 'this bot',
  env: (stateDir) => ({ STORAGE: 'sqlite', STATE_DB_PATH: stateDbPath(stateDir), LOG_LEVEL: logLevel }),
});

/**
 * This bot on Azure Blob storage (Azurite), reached through `wire` so its round trips are counted
 * (`connectionString` points at the wire); a fresh container per run.
 */
export const thisBotOnBlob = (logLevel: string, wire: StorageWire, connectionString: string): Subject => ({
  ...walkingBot,
  name: logLevel === 'info' ? 'this bot on Blob, logs on' : 'this bot on Blob',
  wire,
  env: (stateDir) => ({
    STORAGE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: connectionString,
    AZURE_STORAGE_CONTAINER: `bench-${path.basename(stateDir).replace(/[^a-z0-9]/gi, '').toLowerCase()}`,
    LOG_LEVEL: logLevel,
  }),
});
