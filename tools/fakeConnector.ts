import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Connector service that Teams names in each activity's `serviceUrl`.
 * The bot posts its replies and card updates here; tests and the benchmark read what arrived. A test
 * may script its answers: statuses with headers after a delay, or no answer until released.
 */

/** `post`: a new message (reply or not); `update`: a message replaced in place; `create`: a new thread in a channel (a proactive post). */
export type ConnectorCallKind = 'post' | 'update' | 'create';

export interface ConnectorCall {
  readonly kind: ConnectorCallKind;
  readonly method: string;
  /** The request path as sent, under the service URL. */
  readonly path: string;
  /** performance.now() when the request arrived: comparable with the caller's own readings of it. */
  readonly at: number;
  readonly conversationId: string;
  /** The id given to the posted message, or the id of the message updated. */
  readonly activityId: string;
  /** For a reply: the activity it answers. */
  readonly replyToId?: string;
  readonly activity: Record<string, unknown>;
}

export interface ScriptedAnswer {
  readonly status: number;
  /** The error code of a refusal (Teams' `MessageWritesBlocked`); default `Scripted`. */
  readonly code?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
}

export interface FakeConnector {
  /** Put this in the `serviceUrl` of every activity sent to the bot. */
  readonly serviceUrl: string;
  /** Every call, in order of arrival (a test may empty it). */
  readonly calls: ConnectorCall[];
  /**
   * The oldest call in the conversation that no earlier nextReply returned, waiting for one when
   * there is none yet. Posts and updates both count: either is the bot's answer to the analyst.
   */
  nextReply(conversationId: string, timeoutMs?: number): Promise<ConnectorCall>;
  /**
   * Holds the next call unanswered until `release()`: `arrived` resolves when it is being held. A
   * held call counts (in `calls`, for `nextReply`) only once answered; if the caller goes away first
   * (a crash), it never happened, as when a connection drops before the service took the message.
   */
  holdNext(): HeldCall;
  /** The usual answer from now on (200 at first); only a 2xx answer counts as a reply. */
  answer(status: number, delayMs?: number, headers?: Readonly<Record<string, string>>): void;
  /** The next calls get these answers, one each, before the usual answer resumes. */
  answerNext(...answers: (number | ScriptedAnswer)[]): void;
  /** Leaves every call unanswered (but counted in `calls`) until release(). */
  hold(): void;
  /** Answers the held calls, and the next ones, with `status`. */
  release(status?: number): void;
  /** Gaps between consecutive calls, in ms. */
  gaps(): number[];
  close(): Promise<void>;
}

export interface HeldCall {
  readonly arrived: Promise<void>;
  release(): void;
}

interface Hold extends HeldCall {
  readonly released: Promise<void>;
  arrive(): void;
}

function newHold(): Hold {
  let arrive!: () => void;
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { arrived, released, arrive, release };
}

/** Waits for the hold's release; false when the caller hung up first. */
function heldUntilReleased(hold: Hold, res: http.ServerResponse): Promise<boolean> {
  hold.arrive();
  return new Promise((resolve) => {
    res.once('close', () => resolve(false));
    void hold.released.then(() => resolve(!res.destroyed));
  });
}

const DEFAULT_REPLY_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 1_000_000;
/** Under the service URL, as Teams gives one to each region. */
const SERVICE_PATH = '/teams/';
// The SDK joins the service URL and the path with a slash of its own, so doubled slashes are tolerated.
const ACTIVITIES_PATH = /^\/teams\/+v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const CONVERSATIONS_PATH = /^\/teams\/+v3\/conversations\/?$/;

/** Calls waiting to be taken, and takers waiting for calls, per conversation. */
class ReplyQueues {
  private readonly untaken = new Map<string, ConnectorCall[]>();
  private readonly takers = new Map<string, ((call: ConnectorCall) => void)[]>();

  add(call: ConnectorCall): void {
    const taker = this.takers.get(call.conversationId)?.shift();
    if (taker) taker(call);
    else this.listOf(this.untaken, call.conversationId).push(call);
  }

  take(conversationId: string, timeoutMs: number, seenSoFar: () => string): Promise<ConnectorCall> {
    const ready = this.untaken.get(conversationId)?.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const takers = this.listOf(this.takers, conversationId);
      const timer = setTimeout(() => {
        takers.splice(takers.indexOf(taker), 1);
        reject(new Error(`no reply in conversation "${conversationId}" within ${timeoutMs} ms; calls so far: ${seenSoFar()}`));
      }, timeoutMs);
      const taker = (call: ConnectorCall): void => {
        clearTimeout(timer);
        resolve(call);
      };
      takers.push(taker);
    });
  }

  private listOf<T>(map: Map<string, T[]>, key: string): T[] {
    const list = map.get(key) ?? [];
    map.set(key, list);
    return list;
  }
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('activity too large'));
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('activity is not an object');
        resolve(parsed as Record<string, unknown>);
      } catch (error) {
        reject(error);
      }
    });
  });
}

function answer(res: http.ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

type Behaviour = { kind: 'answer'; answer: ScriptedAnswer } | { kind: 'hold' };

/** Which call a request is, or undefined for anything the fake does not serve. */
function route(method: string | undefined, url: string | undefined): { kind: ConnectorCallKind; conversationId: string; targetId?: string } | undefined {
  const pathname = new URL(url ?? '/', 'http://fake').pathname;
  // The conversation of a new thread is named once the activity is read: its channel and the new message's id.
  if (method === 'POST' && CONVERSATIONS_PATH.test(pathname)) return { kind: 'create', conversationId: '' };
  const match = ACTIVITIES_PATH.exec(pathname);
  if (!match) return undefined;
  const conversationId = decodeURIComponent(match[1]);
  const targetId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  if (method === 'POST') return { kind: 'post', conversationId, targetId };
  if (method === 'PUT' && targetId !== undefined) return { kind: 'update', conversationId, targetId };
  return undefined;
}

/** The channel a new thread is for: `channelData.channel.id`, as Teams requires it. */
function channelOf(request: Record<string, unknown>): string {
  const channelData = request.channelData as { channel?: { id?: unknown } } | undefined;
  return typeof channelData?.channel?.id === 'string' ? channelData.channel.id : 'no-channel';
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const queues = new ReplyQueues();
  let hold: Hold | undefined;
  let behaviour: Behaviour = { kind: 'answer', answer: { status: 200 } };
  const queued: ScriptedAnswer[] = [];
  const heldAll: { res: http.ServerResponse; call: ConnectorCall }[] = [];

  const reply = (res: http.ServerResponse, call: ConnectorCall, { status, headers, code }: ScriptedAnswer): void => {
    const ok = status < 300;
    // A caller that gave up first (timed out, closed its socket) never got this answer: nothing landed.
    if (ok && !res.destroyed) queues.add(call);
    const created = call.kind === 'create' ? { id: call.conversationId, activityId: call.activityId } : { id: call.activityId };
    answer(res, status, ok ? created : { error: { code: code ?? 'Scripted', message: `scripted ${status}` } }, headers);
  };

  const server = http.createServer(async (req, res) => {
    const at = performance.now();
    const target = route(req.method, req.url);
    if (!target) {
      answer(res, 404, { error: { code: 'NotFound', message: `the fake connector does not serve ${req.method} ${req.url}` } });
      return;
    }
    let activity: Record<string, unknown>;
    try {
      activity = await readJson(req);
    } catch (error) {
      answer(res, 400, { error: { code: 'BadArgument', message: (error as Error).message } });
      return;
    }
    const held = hold;
    hold = undefined;
    if (held && !(await heldUntilReleased(held, res))) return;
    const { kind, targetId } = target;
    const activityId = kind === 'update' ? targetId! : randomUUID();
    const conversationId = kind === 'create' ? `${channelOf(activity)};messageid=${activityId}` : target.conversationId;
    const replyTo = kind === 'post' && targetId ? { replyToId: targetId } : {};
    const call: ConnectorCall = { kind, method: req.method ?? '', path: req.url ?? '', at, conversationId, activityId, ...replyTo, activity };
    calls.push(call);
    const now = behaviour;
    const next = queued.shift();
    if (next !== undefined) reply(res, call, next);
    else if (now.kind === 'hold') heldAll.push({ res, call });
    else if (!now.answer.delayMs) reply(res, call, now.answer);
    else setTimeout(() => reply(res, call, now.answer), now.answer.delayMs);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const describeCalls = (conversationId: string) => () =>
    JSON.stringify(calls.filter((c) => c.conversationId === conversationId).map((c) => ({ kind: c.kind, text: c.activity.text })));

  return {
    serviceUrl: `http://127.0.0.1:${port}${SERVICE_PATH}`,
    calls,
    nextReply: (conversationId, timeoutMs = DEFAULT_REPLY_TIMEOUT_MS) => queues.take(conversationId, timeoutMs, describeCalls(conversationId)),
    holdNext: () => {
      hold = newHold();
      return hold;
    },
    answer: (status, delayMs = 0, headers = {}) => {
      behaviour = { kind: 'answer', answer: { status, delayMs, headers } };
    },
    answerNext: (...answers) => {
      queued.push(...answers.map((scripted) => (typeof scripted === 'number' ? { status: scripted } : scripted)));
    },
    hold: () => {
      behaviour = { kind: 'hold' };
    },
    release: (status = 200) => {
      behaviour = { kind: 'answer', answer: { status } };
      heldAll.splice(0).forEach(({ res, call }) => reply(res, call, { status }));
    },
    gaps: () => calls.slice(1).map((call, i) => call.at - calls[i].at),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
