import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphAlert, GraphIncident } from '../src/core/intake/graphShapes';

/**
 * A local stand-in for Microsoft Graph's security reads (v1.0): `GET /security/alerts_v2` filtered on
 * lastUpdateDateTime and paged with @odata.nextLink, and `GET /security/incidents/{id}?$expand=alerts`.
 * Tests and the bench add incidents, script answers (429 with Retry-After, 500, a slow answer) and
 * count requests. A read without `Prefer: include-unknown-enum-members` is listed in `problems`.
 */

export type GraphScript = { readonly status: number; readonly retryAfter?: string } | { readonly delayMs: number };

export interface GraphRead {
  readonly path: string;
  readonly query: string;
  readonly authorization: string | undefined;
}

export interface FakeGraphAlerts {
  readonly baseUrl: string;
  readonly reads: GraphRead[];
  readonly problems: string[];
  /** Adds or replaces incidents (their alerts are what alerts_v2 lists). */
  put(...incidents: GraphIncident[]): void;
  /** What `GET /teams/{team}/channels/{channel}/messages` lists (Graph's chatMessage: id, attachments with content as a string), newest first. */
  channelMessages: (teamId: string, channelId: string) => readonly object[];
  /** Answers for the next reads, in order; after them every read is answered from the data. */
  script(...answers: GraphScript[]): void;
  close(): Promise<void>;
}

const FILTER = /^lastUpdateDateTime gt (\S+)$/;

export async function startFakeGraphAlerts(pageSize = 100): Promise<FakeGraphAlerts> {
  const incidents = new Map<string, GraphIncident>();
  const reads: GraphRead[] = [];
  const problems: string[] = [];
  const scripts: GraphScript[] = [];
  let baseUrl = '';

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const alertsSince = (since: string): GraphAlert[] =>
    [...incidents.values()]
      .flatMap((incident) => incident.alerts ?? [])
      .filter((alert) => (alert.lastUpdateDateTime ?? '') > since)
      .sort((a, b) => (a.lastUpdateDateTime ?? '').localeCompare(b.lastUpdateDateTime ?? '') || (a.id ?? '').localeCompare(b.id ?? ''));

  const answer = (url: URL): { status: number; body: unknown } => {
    if (url.pathname === '/v1.0/security/alerts_v2') {
      const filter = FILTER.exec(url.searchParams.get('$filter') ?? '');
      if (!filter) return { status: 400, body: { error: { code: 'BadRequest', message: 'the fake reads only $filter=lastUpdateDateTime gt <date>' } } };
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const all = alertsSince(filter[1]);
      const page = all.slice(skip, skip + pageSize);
      const next = new URL(url);
      next.searchParams.set('$skiptoken', String(skip + pageSize));
      return { status: 200, body: { value: page, ...(skip + pageSize < all.length ? { '@odata.nextLink': `${baseUrl}${next.pathname}${next.search}` } : {}) } };
    }
    const channel = /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages$/.exec(url.pathname);
    if (channel) return { status: 200, body: { value: fake.channelMessages(decodeURIComponent(channel[1]), decodeURIComponent(channel[2])) } };
    const incident = /^\/v1\.0\/security\/incidents\/([^/]+)$/.exec(url.pathname);
    if (incident) {
      const found = incidents.get(decodeURIComponent(incident[1]));
      if (!found) return { status: 404, body: { error: { code: 'NotFound', message: 'no such incident' } } };
      return { status: 200, body: url.searchParams.get('$expand') === 'alerts' ? found : { ...found, alerts: undefined } };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: `the fake does not serve ${url.pathname}` } } };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    reads.push({ path: url.pathname, query: url.search, authorization: req.headers.authorization });
    if (req.method !== 'GET') return send(res, 405, { error: { code: 'MethodNotAllowed', message: 'reads only' } });
    if (url.pathname.startsWith('/v1.0/security/') && req.headers.prefer !== 'include-unknown-enum-members') problems.push(`${url.pathname}: Prefer: include-unknown-enum-members is missing`);
    const scripted = scripts.shift();
    const respond = (): void => {
      const { status, body } = answer(url);
      send(res, status, body);
    };
    if (scripted === undefined) return respond();
    if ('delayMs' in scripted) return void setTimeout(respond, scripted.delayMs);
    send(res, scripted.status, { error: { code: `Status${scripted.status}`, message: 'scripted' } }, scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeGraphAlerts = {
    baseUrl,
    channelMessages: () => [],
    reads,
    problems,
    put: (...added) => added.forEach((incident) => incidents.set(String(incident.id), incident)),
    script: (...answers) => void scripts.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

const T = '#microsoft.graph.security.';

/** An incident whose device AIR isolated: its deviceEvidence has Defender for Endpoint's id and the DNS name. */
export function deviceIncident(n: number, at: string): GraphIncident {
  const mdeDeviceId = `1e5bc9d7e413ddd7902c2932e418${String(n).padStart(12, '0')}`;
  const evidence = [{ '@odata.type': `${T}deviceEvidence`, remediationStatus: 'remediated', verdict: 'suspicious', mdeDeviceId, deviceDnsName: `fin-laptop-${n}.contoso.com` }];
  return { ...emailIncident(n, at, { title: 'Suspicious activity on a device', evidence }), displayName: `Suspicious activity on a device, isolated by AIR (${1000 + n})` };
}

/**
 * An incident whose email AIR soft-deleted, as Graph returns it: one alert, raised by automated
 * investigation, with the message's evidence remediated. `n` makes ids and values unique; `at` its lastUpdateDateTime.
 */
export function emailIncident(n: number, at: string, overrides: Partial<GraphAlert> = {}): GraphIncident {
  const id = String(1000 + n);
  const alert: GraphAlert = {
    id: `da${id}`,
    incidentId: id,
    title: 'Email messages containing malicious URL removed after delivery',
    severity: 'medium',
    status: 'new',
    detectionSource: 'automatedInvestigation',
    alertWebUrl: `https://security.microsoft.com/alerts/da${id}?tid=contoso`,
    incidentWebUrl: `https://security.microsoft.com/incidents/${id}?tid=contoso`,
    lastUpdateDateTime: at,
    evidence: [
      {
        '@odata.type': `${T}analyzedMessageEvidence`,
        remediationStatus: 'remediated',
        verdict: 'malicious',
        // A GUID, as Defender writes network message ids; its last part is the incident's number.
        networkMessageId: `73ca4154-58d8-43d0-a890-${id.padStart(12, '0')}`,
        recipientEmailAddress: `user${n}@contoso.com`,
        subject: `Invoice ${n} from payments.example`,
      },
    ],
    ...overrides,
  };
  return { id, displayName: `Email messages containing malicious URL removed after delivery (${id})`, severity: 'medium', status: 'active', incidentWebUrl: alert.incidentWebUrl, alerts: [alert] };
}
