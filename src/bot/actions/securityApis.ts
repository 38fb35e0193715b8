import { Client, Context, GraphError, Middleware } from '@microsoft/microsoft-graph-client';
import type { ActionOutcome } from '../../core/actions/confirmation/actionViews';
import { CallFailure, failureText } from '../../core/actions/requests/failure';
import type { ActionKind } from '../../core/actions/model';
import type { OutgoingRequest } from '../../core/actions/requests/requests';
import { resultLink } from '../../core/actions/requests/resultLink';
import { fetchWithPolicy, PolicyOptions, ServiceUnreachableError } from './policyFetch';

/**
 * Where the calls go: https://graph.microsoft.com and https://api.securitycenter.microsoft.com for a
 * tenant, a local fake in tests.
 */
export interface SecurityApiEndpoints {
  readonly graphBaseUrl: string;
  readonly defenderBaseUrl: string;
}

type Answer = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly failure: CallFailure };

/**
 * Sends a confirmed action's requests in order, as the analyst (their delegated token), and says
 * how it ended: the id the service returned and where to see it, or why not in plain words. The
 * token goes into the Authorization header only; it is never logged or put on a card.
 */
export async function sendRequests(
  kind: ActionKind,
  requests: readonly OutgoingRequest[],
  token: string,
  endpoints: SecurityApiEndpoints,
  options: PolicyOptions = {},
): Promise<ActionOutcome> {
  let returnedId: string | undefined;
  for (const request of requests) {
    const answer = request.service === 'defender' ? await callDefender(request, token, endpoints.defenderBaseUrl, options) : await callGraph(request, token, endpoints.graphBaseUrl, options);
    if (!answer.ok) {
      const text = failureText(kind, answer.failure);
      // The first call changed something (the alert was classified), the next did not (its comment): say both.
      return { kind: 'failed', text: returnedId === undefined ? text : `The first step was done (id ${returnedId}), the next was not. ${text}` };
    }
    returnedId ??= idOf(answer.body);
  }
  const id = returnedId ?? 'not given';
  const link = resultLink(kind, id);
  return { kind: 'done', returnedId: id, ...(link ? { link } : {}) };
}

/** The `id` of a created or updated object; the Defender API writes it as a number. */
function idOf(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 200) : undefined;
}

const retryAfterMsOf = (headers: Headers | undefined): number | undefined => {
  const seconds = Number(headers?.get('retry-after'));
  return headers?.has('retry-after') && Number.isFinite(seconds) ? seconds * 1000 : undefined;
};

async function callDefender(request: OutgoingRequest, token: string, baseUrl: string, options: PolicyOptions): Promise<Answer> {
  try {
    const response = await fetchWithPolicy(
      (signal) =>
        fetch(new URL(request.path, baseUrl), {
          method: request.method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(request.body),
          signal,
        }),
      options,
    );
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, failure: { kind: 'status', status: response.status, retryAfterMs: retryAfterMsOf(response.headers) } };
    }
    return { ok: true, body: await response.json().catch(() => undefined) };
  } catch (error) {
    if (error instanceof ServiceUnreachableError) return { ok: false, failure: { kind: 'unreachable', attempts: error.attempts } };
    throw error;
  }
}

/**
 * Microsoft Graph through Microsoft's client. Its one middleware sends with the same policy as
 * Defender's calls (retries, Retry-After, timeout) and adds the analyst's token.
 */
async function callGraph(request: OutgoingRequest, token: string, baseUrl: string, options: PolicyOptions): Promise<Answer> {
  let unreachable: ServiceUnreachableError | undefined;
  const sender: Middleware = {
    execute: async (context: Context) => {
      const headers = new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
      headers.set('Authorization', `Bearer ${token}`);
      try {
        context.response = await fetchWithPolicy((signal) => fetch(context.request, { ...context.options, headers, signal } as RequestInit), options);
      } catch (error) {
        if (error instanceof ServiceUnreachableError) unreachable = error;
        throw error;
      }
    },
  };
  const client = Client.initWithMiddleware({ baseUrl, middleware: sender, defaultVersion: 'v1.0' });
  const call = client.api(request.path).version(request.service === 'graph-beta' ? 'beta' : 'v1.0');
  try {
    return { ok: true, body: await (request.method === 'PATCH' ? call.patch(request.body) : call.post(request.body)) };
  } catch (error) {
    if (unreachable) return { ok: false, failure: { kind: 'unreachable', attempts: unreachable.attempts } };
    if (error instanceof GraphError && error.statusCode > 0) return { ok: false, failure: { kind: 'status', status: error.statusCode, retryAfterMs: retryAfterMsOf(error.headers) } };
    throw error;
  }
}
