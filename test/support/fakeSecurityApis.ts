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

/** An identity account as Graph lists it (security/identities/identityAccounts). */
export interface IdentityAccount {
  readonly id: string;
  readonly displayName: string;
  readonly domain: string;
  readonly onPremisesSecurityIdentifier: string;
  readonly accounts: readonly { readonly provider: string; readonly identifier: string; readonly actions: readonly string[] }[];
}

/** How a machine action the fake started goes on: the statuses its reads return, in order (the last repeats). */
export type MachineActionScript = readonly string[];

export interface FakeSecurityApis {
  readonly baseUrl: string;
  readonly calls: ReceivedCall[];
  readonly problems: string[];
  /** Defender for Endpoint's devices, for the lookup by name (computerDnsName eq '...', case-insensitive). */
  readonly machines: { id: string; computerDnsName: string }[];
  /** The statuses the next machine action reads return; default Pending, InProgress, Succeeded. */
  machineActionsGo(script: MachineActionScript): void;
  /** Defender for Identity's identity accounts, for the lookup by SID (onPremisesSecurityIdentifier eq '...'). */
  readonly identities: IdentityAccount[];
  /** The groups the signed-in analyst is a member of, by their token (checkMemberGroups). */
  readonly memberships: Map<string, string[]>;
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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const machineComment: Check = (body) => (typeof body.Comment === 'string' && body.Comment !== '' && body.Comment.length <= 1000 ? undefined : 'Comment is required');
const groupIds: Check = (body) =>
  Array.isArray(body.groupIds) && body.groupIds.length >= 1 && body.groupIds.length <= 20 && body.groupIds.every((id) => typeof id === 'string' && GUID.test(id)) ? undefined : 'groupIds must be 1 to 20 GUIDs';
const analyzedEmails: Check = (body) => {
  const emails = body.analyzedEmails;
  const fits = Array.isArray(emails) && emails.length > 0 && emails.every((e) => typeof e?.networkMessageId === 'string' && GUID.test(e.networkMessageId) && typeof e?.recipientEmailAddress === 'string' && e.recipientEmailAddress.includes('@') && Object.keys(e).length === 2);
  return fits ? undefined : 'analyzedEmails must list networkMessageId and recipientEmailAddress';
};
const ENDINGS: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']);
const isBoolean = (field: string): Check => (body) => (typeof body[field] === 'boolean' ? undefined : `${field} must be a boolean`);

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
  {
    method: 'POST',
    path: /^\/api\/machines\/([0-9a-f]{40})\/(unisolate|unrestrictCodeExecution)$/,
    checks: [machineComment, onlyFields(['Comment'])],
    answer: () => ({ status: 201, body: {} }),
  },
  {
    method: 'POST',
    path: /^\/v1\.0\/me\/checkMemberGroups$/,
    checks: [groupIds, onlyFields(['groupIds'])],
    answer: () => ({ status: 200, body: {} }),
  },
  {
    method: 'POST',
    path: /^\/v1\.0\/security\/collaboration\/analyzedEmails\/remediate$/,
    checks: [
      text('displayName'),
      text('description'),
      oneOf('severity', ['low', 'medium', 'high']),
      oneOf('action', ['moveToJunk', 'moveToInbox', 'hardDelete', 'softDelete', 'moveToDeletedItems']),
      isBoolean('remediateSendersCopy'),
      analyzedEmails,
      onlyFields(['displayName', 'description', 'severity', 'action', 'remediateSendersCopy', 'analyzedEmails']),
    ],
    answer: () => ({ status: 202, body: {} }),
  },
  {
    method: 'POST',
    path: /^\/v1\.0\/security\/identities\/identityAccounts\/([A-Za-z0-9-]+)\/invokeAction$/,
    checks: [
      text('accountId'),
      oneOf('action', ['disable', 'enable', 'forcePasswordReset', 'revokeAllSessions', 'requireUserToSignInAgain', 'markUserAsCompromised']),
      oneOf('identityProvider', ['entraID', 'activeDirectory', 'okta']),
      onlyFields(['accountId', 'action', 'identityProvider']),
    ],
    answer: (body) => ({ status: 200, body: { value: { accountId: body.accountId, action: body.action, provider: body.identityProvider, correlationId: randomUUID() } } }),
  },
];

/** Reads without a body: the device lookup and a machine action's status. */
const READS: readonly { readonly path: RegExp }[] = [{ path: /^\/api\/machines$/ }, { path: /^\/api\/machineactions\/([0-9a-f-]{36})$/ }, { path: /^\/v1\.0\/security\/identities\/identityAccounts$/ }];

export async function startFakeSecurityApis(): Promise<FakeSecurityApis> {
  const calls: ReceivedCall[] = [];
  const problems: string[] = [];
  const queue: ScriptedAnswer[] = [];
  const hanging = new Set<http.ServerResponse>();
  const held: (() => void)[] = [];
  const machines: { id: string; computerDnsName: string }[] = [];
  const memberships = new Map<string, string[]>();
  const identities: IdentityAccount[] = [];
  interface MachineAction { id: string; type: string; machineId: string; script: MachineActionScript; reads: number; last: string }
  const machineActions = new Map<string, MachineAction>();
  let nextScript: MachineActionScript = ['Pending', 'InProgress', 'Succeeded'];

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
      const url = new URL(req.url ?? '/', 'http://local');
      calls.push({ method: req.method ?? '', path: req.method === 'GET' ? `${path}${url.search}` : path, authorization: req.headers.authorization, body });
      const send = (status: number, answer: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(answer));
      };
      const problem = (text: string): void => {
        problems.push(`${req.method} ${path}: ${text}`);
        send(400, { error: { code: 'BadRequest', message: text } });
      };
      if (req.method === 'GET') {
        if (!READS.some((r) => r.path.test(path))) return problem(`no such endpoint: GET ${path}`);
        if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return problem('Authorization: Bearer is missing');
        const scripted = queue.shift() ?? 'ok';
        if (typeof scripted === 'object') return send(scripted.status, { error: { code: `Status${scripted.status}` } }, scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {});
        if (path.endsWith('/identityAccounts')) {
          const filter = /^onPremisesSecurityIdentifier eq '([^']*)'$/.exec(url.searchParams.get('$filter') ?? '');
          if (!filter) return problem(`$filter must be onPremisesSecurityIdentifier eq '...', got ${url.searchParams.get('$filter')}`);
          return send(200, { value: identities.filter((i) => i.onPremisesSecurityIdentifier.toUpperCase() === (filter[1] ?? '').toUpperCase()) });
        }
        if (path === '/api/machines') {
          const filter = /^computerDnsName eq '((?:[^']|'')*)'$/.exec(url.searchParams.get('$filter') ?? '');
          if (!filter) return problem(`$filter must be computerDnsName eq '...', got ${url.searchParams.get('$filter')}`);
          const name = (filter[1] ?? '').replace(/''/g, "'").toLowerCase();
          return send(200, { value: machines.filter((m) => m.computerDnsName.toLowerCase() === name || m.computerDnsName.toLowerCase().startsWith(`${name}.`)) });
        }
        const action = machineActions.get(path.slice('/api/machineactions/'.length));
        if (!action) return send(404, { error: { code: 'NotFound' } });
        const status = action.script[Math.min(action.reads, action.script.length - 1)] ?? 'Pending';
        action.reads++;
        action.last = status;
        return send(200, { id: action.id, type: action.type, status, machineId: action.machineId });
      }
      const route = ROUTES.find((r) => r.method === req.method && r.path.test(path));
      if (!route) found.push(`no such endpoint: ${req.method} ${path}`);
      const appOnly = path.endsWith('/analyzedEmails/remediate');
      // The email undo goes as the bot's application (no token in anonymous local mode): never with an analyst's delegated token.
      if (appOnly && /token-of-|token-after/.test(req.headers.authorization ?? '')) found.push("the analyst's delegated token was sent to an application-only API");
      if (!appOnly && !/^Bearer \S+$/.test(req.headers.authorization ?? '')) found.push('Authorization: Bearer is missing');
      if (!String(req.headers['content-type']).startsWith('application/json')) found.push('Content-Type is not application/json');
      for (const check of route?.checks ?? []) {
        const problem = check(body);
        if (problem) found.push(problem);
      }
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
        const match = path.match(route.path) as RegExpMatchArray;
        if (match[2] === 'unisolate' || match[2] === 'unrestrictCodeExecution') {
          // 400 while another action on the device is under way, as Defender answers.
          if ([...machineActions.values()].some((a) => a.machineId === match[1] && a.type === match[2] && !ENDINGS.has(a.last))) return send(400, { error: { code: 'ActiveRequestAlreadyExists' } });
          const id = randomUUID();
          machineActions.set(id, { id, type: match[2], machineId: match[1] ?? '', script: nextScript, reads: 0, last: 'Pending' });
          return send(201, { id, type: match[2] === 'unisolate' ? 'Unisolate' : 'UnrestrictCodeExecution', status: 'Pending', machineId: match[1] });
        }
        if (path.endsWith('/checkMemberGroups')) {
          const member = memberships.get(String(req.headers.authorization).replace(/^Bearer /, '')) ?? [];
          return send(200, { value: (body.groupIds as string[]).filter((id) => member.includes(id)) });
        }
        if (path.endsWith('/analyzedEmails/remediate')) {
          res.writeHead(202, { location: `https://security.microsoft.com/action-center/history?filters={"bulkId":["${randomUUID()}"]}&tid=local` });
          return void res.end();
        }
        const answer = route.answer(body, match);
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
    machines,
    memberships,
    identities,
    machineActionsGo: (script) => void (nextScript = script),
    script: (...answers) => void queue.push(...answers),
    release: () => held.splice(0).forEach((answerOk) => answerOk()),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
