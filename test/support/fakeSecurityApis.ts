import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { text as readText } from 'node:stream/consumers';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Microsoft Graph (v1.0 and beta) and the Defender for Endpoint API, on
 * loopback. Every request is checked against the documented shapes (method, path, Authorization
 * Bearer, JSON body fields and enum values); what does not fit is answered 400 and listed in
 * `problems`. Answers are scripted per call: ok (201/200 with an id), a status (429 with
 * Retry-After), a hang, or a hold: ok, but only once the test releases it.
 */

export type ScriptedAnswer = 'ok' | 'hang' | 'hold' | { readonly status: number; readonly retryAfter?: string };

export interface ReceivedCall {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

export interface FakeSecurityApis {
  readonly baseUrl: string;
  readonly calls: ReceivedCall[];
  readonly problems: string[];
  /** Answers for the next calls, in order; after them every call is answered ok. */
  script(...answers: ScriptedAnswer[]): void;
  /** Answers every held call ok, as if the service had just come back with it. */
  release(): void;
  close(): Promise<void>;
}

type Check = (body: Record<string, unknown>) => string | undefined;

const oneOf = (field: string, allowed: readonly string[]): Check => (body) =>
  allowed.includes(body[field] as string) ? undefined : `${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(body[field])}`;
const text = (field: string): Check => (body) => (typeof body[field] === 'string' && body[field] !== '' ? undefined : `${field} is required`);
const httpUrl = (field: string, host?: string): Check => (body) => {
  try {
    const url = new URL(String(body[field]));
    return /^https?:$/.test(url.protocol) && (!host || url.hostname === host) ? undefined : `${field} is not a fitting URL`;
  } catch {
    return `${field} is not a URL`;
  }
};
const isoDate = (field: string): Check => (body) => (body[field] === undefined || !Number.isNaN(Date.parse(String(body[field]))) ? undefined : `${field} is not a date`);
const onlyFields = (fields: readonly string[]): Check => (body) => {
  const extra = Object.keys(body).filter((f) => !fields.includes(f));
  return extra.length === 0 ? undefined : `unexpected fields ${extra.join(', ')}`;
};

const CATEGORIES = ['notJunk', 'spam', 'phishing', 'malware'];
const DETERMINATIONS = ['unknown', 'apt', 'malware', 'securityPersonnel', 'securityTesting', 'unwantedSoftware', 'other', 'multiStagedAttack', 'compromisedAccount', 'phishing', 'maliciousUserActivity', 'notMalicious', 'notEnoughDataToValidate', 'confirmedActivity', 'lineOfBusinessApplication'];

interface Route {
  readonly method: string;
  readonly path: RegExp;
  readonly checks: readonly Check[];
  readonly answer: (body: Record<string, unknown>, match: RegExpMatchArray) => { status: number; body: unknown };
}

const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/beta\/security\/threatSubmission\/urlThreats$/,
    checks: [oneOf('@odata.type', ['#microsoft.graph.security.urlThreatSubmission']), oneOf('category', CATEGORIES), httpUrl('webUrl'), onlyFields(['@odata.type', 'category', 'webUrl'])],
    answer: (body) => ({ status: 201, body: { id: randomUUID(), contentType: 'url', category: body.category, webUrl: body.webUrl, status: 'running', source: 'administrator' } }),
  },
  {
    method: 'POST',
    path: /^\/beta\/security\/threatSubmission\/emailThreats$/,
    checks: [
      oneOf('@odata.type', ['#microsoft.graph.security.emailUrlThreatSubmission']),
      oneOf('category', CATEGORIES),
      text('recipientEmailAddress'),
      httpUrl('messageUrl', 'graph.microsoft.com'),
      onlyFields(['@odata.type', 'category', 'recipientEmailAddress', 'messageUrl']),
    ],
    answer: (body) => ({ status: 201, body: { id: randomUUID(), contentType: 'email', category: body.category, status: 'running' } }),
  },
  {
    method: 'PATCH',
    path: /^\/v1\.0\/security\/alerts_v2\/([A-Za-z0-9_-]+)$/,
    checks: [
      oneOf('classification', ['falsePositive', 'truePositive', 'informationalExpectedActivity']),
      oneOf('determination', DETERMINATIONS),
      oneOf('status', ['new', 'inProgress', 'resolved']),
      onlyFields(['classification', 'determination', 'status']),
    ],
    answer: (body, match) => ({ status: 200, body: { id: match[1], ...body } }),
  },
  {
    method: 'POST',
    path: /^\/v1\.0\/security\/alerts_v2\/([A-Za-z0-9_-]+)\/comments$/,
    checks: [oneOf('@odata.type', ['microsoft.graph.security.alertComment']), text('comment'), onlyFields(['@odata.type', 'comment'])],
    answer: (body) => ({ status: 200, body: { value: [{ comment: body.comment, createdByDisplayName: 'analyst@contoso.com' }] } }),
  },
  {
    method: 'POST',
    path: /^\/api\/indicators$/,
    checks: [
      text('indicatorValue'),
      oneOf('indicatorType', ['FileSha1', 'FileSha256', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url']),
      oneOf('action', ['Alert', 'Warn', 'Block', 'Audit', 'BlockAndRemediate', 'AlertAndBlock', 'Allowed']),
      text('title'),
      text('description'),
      isoDate('expirationTime'),
      onlyFields(['indicatorValue', 'indicatorType', 'action', 'title', 'description', 'expirationTime']),
    ],
    answer: (body) => ({ status: 200, body: { id: '995', ...body } }),
  },
];

export async function startFakeSecurityApis(): Promise<FakeSecurityApis> {
  const calls: ReceivedCall[] = [];
  const problems: string[] = [];
  const queue: ScriptedAnswer[] = [];
  const hanging = new Set<http.ServerResponse>();
  const held: (() => void)[] = [];

  const server = http.createServer((req, res) => {
    void readText(req).then((raw) => {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      let body: Record<string, unknown> = {};
      const found: string[] = [];
      try {
        body = JSON.parse(raw || '{}');
      } catch {
        found.push('body is not JSON');
      }
      calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
      const route = ROUTES.find((r) => r.method === req.method && r.path.test(path));
      if (!route) found.push(`no such endpoint: ${req.method} ${path}`);
      if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) found.push('Authorization: Bearer is missing');
      if (!String(req.headers['content-type']).startsWith('application/json')) found.push('Content-Type is not application/json');
      for (const check of route?.checks ?? []) {
        const problem = check(body);
        if (problem) found.push(problem);
      }
      const send = (status: number, answer: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(answer));
      };
      if (found.length > 0 || !route) {
        problems.push(...found.map((p) => `${req.method} ${path}: ${p}`));
        return send(400, { error: { code: 'BadRequest', message: found.join('; ') } });
      }
      const scripted = queue.shift() ?? 'ok';
      if (scripted === 'hang') return void hanging.add(res);
      if (typeof scripted === 'object') {
        return send(scripted.status, { error: { code: `Status${scripted.status}`, message: 'scripted' } }, scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {});
      }
      const answerOk = (): void => {
        const answer = route.answer(body, path.match(route.path) as RegExpMatchArray);
        send(answer.status, answer.body);
      };
      if (scripted === 'hold') held.push(answerOk);
      else answerOk();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    problems,
    script: (...answers) => void queue.push(...answers),
    release: () => held.splice(0).forEach((answerOk) => answerOk()),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
