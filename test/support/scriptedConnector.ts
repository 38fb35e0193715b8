import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot Connector (an activity's serviceUrl) whose answers a test scripts: a status (with headers)
 * after a delay, or no answer at all until released. It records every call it gets and when it
 * arrived, to check the waits between them.
 */

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
}

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  /** performance.now() when the request arrived. */
  readonly at: number;
  readonly activity: Record<string, unknown>;
}

type Behaviour = { kind: 'answer'; answer: ScriptedAnswer } | { kind: 'hold' };

export interface ScriptedConnector {
  readonly serviceUrl: string;
  readonly calls: ConnectorCall[];
  /** The usual answer, from now on. */
  answer(status: number, delayMs?: number, headers?: Readonly<Record<string, string>>): void;
  /** The next calls get these answers, one each, before the usual answer resumes. */
  answerNext(...answers: (number | ScriptedAnswer)[]): void;
  /** Leaves every call unanswered until release(). */
  hold(): void;
  /** Answers the held calls, and the next ones, with `status`. */
  release(status?: number): void;
  /** Gaps between consecutive calls, in ms. */
  gaps(): number[];
  close(): Promise<void>;
}

export async function startScriptedConnector(): Promise<ScriptedConnector> {
  const calls: ConnectorCall[] = [];
  const held: http.ServerResponse[] = [];
  let behaviour: Behaviour = { kind: 'answer', answer: { status: 200 } };
  const queued: ScriptedAnswer[] = [];
  let replies = 0;

  const reply = (res: http.ServerResponse, { status, headers }: ScriptedAnswer): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(status < 300 ? { id: `reply-${++replies}` } : { error: { code: 'Scripted', message: `scripted ${status}` } }));
  };

  const server = http.createServer(async (req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    calls.push({ method: req.method ?? '', path: req.url ?? '', at, activity: text ? JSON.parse(text) : {} });
    const now = behaviour;
    const next = queued.shift();
    if (next !== undefined) reply(res, next);
    else if (now.kind === 'hold') held.push(res);
    else setTimeout(() => reply(res, now.answer), now.answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/teams/`,
    calls,
    answer: (status, delayMs = 0, headers = {}) => {
      behaviour = { kind: 'answer', answer: { status, delayMs, headers } };
    },
    answerNext: (...answers) => {
      queued.push(...answers.map((answer) => (typeof answer === 'number' ? { status: answer } : answer)));
    },
    hold: () => {
      behaviour = { kind: 'hold' };
    },
    release: (status = 200) => {
      behaviour = { kind: 'answer', answer: { status } };
      held.splice(0).forEach((res) => reply(res, { status }));
    },
    gaps: () => calls.slice(1).map((call, i) => call.at - calls[i].at),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
