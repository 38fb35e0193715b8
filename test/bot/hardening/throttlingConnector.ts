import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot Connector (an activity's serviceUrl) on a free local port that answers from a script:
 * the next calls get the scripted statuses and headers in order, every later call `then`.
 * It notes when each call arrived, to check the waits between them.
 */

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  /** performance.now() when the request arrived. */
  readonly at: number;
  /** The activity sent, as JSON. */
  readonly activity: Record<string, unknown>;
}

export interface ThrottlingConnector {
  readonly serviceUrl: string;
  readonly calls: ConnectorCall[];
  script(answers: readonly ScriptedAnswer[], then?: ScriptedAnswer): void;
  /** Gaps between consecutive calls, in ms. */
  gaps(): number[];
  close(): Promise<void>;
}

const OK: ScriptedAnswer = { status: 200 };

export async function startThrottlingConnector(): Promise<ThrottlingConnector> {
  const calls: ConnectorCall[] = [];
  let queue: ScriptedAnswer[] = [];
  let then = OK;
  let sent = 0;

  const server = http.createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      calls.push({ method: req.method ?? '', path: req.url ?? '', at, activity: body ? JSON.parse(body) : {} });
      const answer = queue.shift() ?? then;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      const ok = answer.status < 300;
      res.end(JSON.stringify(ok ? { id: `connector-message-${++sent}` } : { error: { code: 'Scripted', message: `scripted ${answer.status}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/teams/`,
    calls,
    script: (answers, last = OK) => {
      queue = [...answers];
      then = last;
    },
    gaps: () => calls.slice(1).map((call, i) => call.at - calls[i].at),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
