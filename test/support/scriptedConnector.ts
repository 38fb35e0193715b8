import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot Connector (an activity's serviceUrl) whose answers a test scripts: a status after a delay,
 * or no answer at all until released. It records every call it gets.
 */

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly activity: Record<string, unknown>;
}

type Behaviour = { kind: 'answer'; status: number; delayMs: number } | { kind: 'hold' };

export interface ScriptedConnector {
  readonly serviceUrl: string;
  readonly calls: ConnectorCall[];
  answer(status: number, delayMs?: number): void;
  /** The next calls get these statuses, one each, before the usual answer resumes. */
  answerNext(...statuses: number[]): void;
  /** Leaves every call unanswered until release(). */
  hold(): void;
  /** Answers the held calls, and the next ones, with `status`. */
  release(status?: number): void;
  close(): Promise<void>;
}

export async function startScriptedConnector(): Promise<ScriptedConnector> {
  const calls: ConnectorCall[] = [];
  const held: http.ServerResponse[] = [];
  let behaviour: Behaviour = { kind: 'answer', status: 200, delayMs: 0 };
  const queued: number[] = [];
  let replies = 0;

  const reply = (res: http.ServerResponse, status: number): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status < 300 ? { id: `reply-${++replies}` } : { error: { code: 'Scripted', message: `scripted ${status}` } }));
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    calls.push({ method: req.method ?? '', path: req.url ?? '', activity: text ? JSON.parse(text) : {} });
    const now = behaviour;
    const next = queued.shift();
    if (next !== undefined) reply(res, next);
    else if (now.kind === 'hold') held.push(res);
    else setTimeout(() => reply(res, now.status), now.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/teams/`,
    calls,
    answer: (status, delayMs = 0) => {
      behaviour = { kind: 'answer', status, delayMs };
    },
    answerNext: (...statuses) => {
      queued.push(...statuses);
    },
    hold: () => {
      behaviour = { kind: 'hold' };
    },
    release: (status = 200) => {
      behaviour = { kind: 'answer', status, delayMs: 0 };
      held.splice(0).forEach((res) => reply(res, status));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
