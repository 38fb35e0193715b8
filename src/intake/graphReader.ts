import type { GraphAlert, GraphIncident } from '../core/intake/graphShapes';
import type { AppToken } from './appTokens';
import { pause, retryAfterMs } from './waitFor';

/** Graph answered something other than data, and retrying now would not help; the next poll tries again. */
export class GraphReadError extends Error {
  constructor(readonly status: number | undefined, what: string) {
    super(`Microsoft Graph: ${what}`);
    this.name = 'GraphReadError';
  }
}

const MAX_ATTEMPTS = 5;
const REQUEST_TIMEOUT_MS = 30_000;
const FIRST_BACKOFF_MS = 500;
/** Without it Graph leaves pendingApproval (and other newer values) out of remediationStatus. */
const PREFER = 'include-unknown-enum-members';
/** A claim goes stale within minutes, so its post, if it landed, is among the channel's latest messages. */
const LOOKUP_PAGES = 3;

export interface GraphReader {
  /** Alerts whose lastUpdateDateTime is after `since`, every page followed to the end. */
  changedAlerts(since: string): Promise<GraphAlert[]>;
  /** The incident with its alerts, or undefined when Graph has no such incident. */
  incident(id: string): Promise<GraphIncident | undefined>;
  /**
   * The thread the bot already posted for an incident, found among the channel's latest messages
   * (its card's buttons name the incident); undefined when none is there.
   */
  postedThread(teamId: string, channelId: string, incidentId: string): Promise<{ conversationId: string; activityId: string } | undefined>;
  /** Requests made so far (the bench counts them). */
  readonly requests: () => number;
}

/** Reads Microsoft Graph's security API with the bot's own token: 429 waits Retry-After, 5xx and timeouts back off. */
export function graphReader(baseUrl: string, token: AppToken, signal: AbortSignal): GraphReader {
  let requests = 0;
  const get = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    for (let attempt = 1; ; attempt++) {
      const bearer = await token();
      let response: Response;
      requests++;
      try {
        response = await fetch(url, {
          headers: { accept: 'application/json', prefer: PREFER, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
        });
      } catch (error) {
        if (signal.aborted || attempt >= MAX_ATTEMPTS) throw new GraphReadError(undefined, `no answer (${(error as Error).name})`);
        await pause(FIRST_BACKOFF_MS * 2 ** attempt, signal);
        continue;
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < MAX_ATTEMPTS) {
        await response.body?.cancel();
        await pause(retryAfterMs(response.headers.get('retry-after'), FIRST_BACKOFF_MS * 2 ** attempt), signal);
        continue;
      }
      if (response.status === 404) return { status: 404, body: {} };
      if (!response.ok) throw new GraphReadError(response.status, `answered ${response.status}`);
      const body: unknown = await response.json().catch(() => undefined);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GraphReadError(response.status, 'answered something that is not a JSON object');
      return { status: response.status, body: body as Record<string, unknown> };
    }
  };
  const root = `${baseUrl.replace(/\/+$/, '')}/v1.0/security`;
  return {
    async changedAlerts(since) {
      const alerts: GraphAlert[] = [];
      let next: string | undefined = `${root}/alerts_v2?$filter=${encodeURIComponent(`lastUpdateDateTime gt ${since}`)}`;
      while (next) {
        const { body } = await get(next);
        if (Array.isArray(body.value)) alerts.push(...(body.value as GraphAlert[]));
        const link = body['@odata.nextLink'];
        // Only a next page on the same Graph: a link elsewhere would carry the bot's token there.
        next = typeof link === 'string' && link.startsWith(`${root}/`) ? link : undefined;
      }
      return alerts;
    },
    async incident(id) {
      const { status, body } = await get(`${root}/incidents/${encodeURIComponent(id)}?$expand=alerts`);
      return status === 404 ? undefined : (body as GraphIncident);
    },
    async postedThread(teamId, channelId, incidentId) {
      const base = `${baseUrl.replace(/\/+$/, '')}/v1.0/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/messages`;
      const marker = `"incident":${JSON.stringify(incidentId)}`;
      let next: string | undefined = `${base}?$top=50`;
      for (let page = 0; next && page < LOOKUP_PAGES; page++) {
        const { body } = await get(next);
        const messages = Array.isArray(body.value) ? (body.value as { id?: unknown; attachments?: { content?: unknown }[] }[]) : [];
        const found = messages.find((message) => typeof message.id === 'string' && (message.attachments ?? []).some((a) => typeof a.content === 'string' && a.content.includes(marker)));
        if (found) return { conversationId: `${channelId};messageid=${found.id as string}`, activityId: found.id as string };
        const link = body['@odata.nextLink'];
        next = typeof link === 'string' && link.startsWith(`${base}`) ? link : undefined;
      }
      return undefined;
    },
    requests: () => requests,
  };
}
