import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { recordKey, RECORD_VERSION } from '../../src/bot/conversation/conversationRecord';
import { BotIdentity, Config, loadConfig } from '../../src/config';
import { InFlightTurns } from '../../src/ops/inFlightTurns';
import { createLogger, Logger } from '../../src/ops/logger';
import { EdgeLimits } from '../../src/http/server';
import { MemoryRow, MemoryStateStore } from '../../src/storage/memory/memoryStateStore';
import { ObservedStorage } from '../../src/storage/observedStorage';
import type { StateStore } from '../../src/storage/stateStore';
import { ANALYST, OWN_CARD_MESSAGE_ID, SHARED_CARD_MESSAGE_ID, typedMessage } from './wireActivities';

/** The real HTTP edge, adapter and bot in this process, on a free port, with its log captured. */

export type LogLine = Record<string, unknown> & { level: string; msg: string };

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the answer has a JSON body. */
  readonly body: unknown;
}

export interface EdgeServer {
  readonly baseUrl: string;
  readonly httpServer: Server;
  /** What the bot has stored, by key. */
  readonly stored: ReadonlyMap<string, MemoryRow>;
  readonly turns: InFlightTurns;
  readonly log: Logger;
  logs(): LogLine[];
  /** A reader of the lines logged after this call. */
  logsFromNow(): () => LogLine[];
  /** The raw log text, for checks that something never appears anywhere in it. */
  logText(): string;
  post(body: string, headers?: Record<string, string>): Promise<HttpAnswer>;
  postActivity(activity: object, authorization?: string): Promise<HttpAnswer>;
  get(path: string): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export interface EdgeServerOptions {
  readonly identity?: BotIdentity;
  readonly limits?: Partial<EdgeLimits>;
  readonly ping?: () => Promise<void>;
  /** The store behind the bot, observed as in production; default: memory (`stored`). */
  readonly storage?: StateStore;
}

/**
 * The cards wire clicks come from, as if the bot had posted them in the analyst's chat: the analyst's
 * record lists them (the only word on whose card a click is on), so a click on any other message is refused.
 */
async function listWireCards(storage: StateStore): Promise<void> {
  const chat = typedMessage('', 'http://127.0.0.1/');
  const record = { v: RECORD_VERSION, dialog: { dialogStack: [] }, seen: [], updatedAt: 0, name: ANALYST.name, cards: [OWN_CARD_MESSAGE_ID], sharedCards: [SHARED_CARD_MESSAGE_ID] };
  await storage.write({ [recordKey(chat)]: record });
}

/** Anonymous unless an identity is given, any tenant, no direct actions: the store is given to the app as an override. */
const edgeConfig = (identity: BotIdentity | undefined): Config => ({
  ...loadConfig({ STORAGE: 'memory', HOST: '127.0.0.1', LOG_LEVEL: 'debug' }),
  port: 0,
  identity,
});

async function answerOf(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
  return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
}

export async function startEdgeServer(options: EdgeServerOptions = {}): Promise<EdgeServer> {
  const lines: string[] = [];
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  const stored = new Map<string, MemoryRow>();
  const storage = new ObservedStorage(options.storage ?? new MemoryStateStore(stored), log);
  await listWireCards(storage);
  let walks = 0;
  const app = createApp(edgeConfig(options.identity), {
    log,
    storage: { storage, close: async () => undefined, ping: options.ping ?? (async () => undefined), failureCount: () => storage.failureCount, open: async () => undefined },
    newWalkId: () => `walk-${++walks}`,
    limits: options.limits,
  });
  const { server, turns } = app;
  await new Promise<void>((resolve) => app.listen(resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const logs = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
  const post = async (body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
    answerOf(await fetch(`${baseUrl}/api/messages`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }));

  return {
    baseUrl,
    httpServer: server.server,
    stored,
    turns,
    log,
    logs,
    logsFromNow: () => {
      const start = lines.length;
      return () => logs().slice(start);
    },
    logText: () => lines.join(''),
    post,
    postActivity: (activity, authorization) => post(JSON.stringify(activity), authorization ? { authorization } : {}),
    get: async (path) => answerOf(await fetch(`${baseUrl}${path}`)),
    close: async () => {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
