import { Client, Context, GraphError, Middleware } from '@microsoft/microsoft-graph-client';
import type { ActionOutcome } from '../../core/actions/confirmation/actionViews';
import { CallFailure, failureText } from '../../core/actions/requests/failure';
import type { ActionKind } from '../../core/actions/model';
import type { OutgoingRequest } from '../../core/actions/requests/requests';
import { resultLink } from '../../core/actions/requests/resultLink';
import { isDefenderService } from '../../core/actions/requests/services';
import { fetchWithPolicy, PolicyOptions, ServiceUnreachableError } from './policyFetch';

/**
 * Where the calls go: https://graph.microsoft.com and https://api.securitycenter.microsoft.com for a
 * tenant, a local fake in tests.
 */
export interface SecurityApiEndpoints {
  readonly graphBaseUrl: string;
  readonly defenderBaseUrl: string;
}

type Answer = { readonly ok: true; readonly body: unknown; readonly location?: string } | { readonly ok: false; readonly failure: CallFailure };

/**
 * The tokens a send may use: the analyst's own delegated token for every call, but the one API that
 * takes only the bot's application permission (the email undo); undefined there in anonymous local mode.
 */
export interface SendTokens {
  readonly analyst: string;
  readonly app?: () => Promise<string | undefined>;
}

/**
 * Sends a confirmed action's requests in order, as the analyst (their delegated token), and says
 * how it ended: the id the service returned and where to see it, or why not in plain words. A request
 * that asks for a group membership stops the send when the answer does not list the group. Tokens go
 * into the Authorization header only; they are never logged or put on a card.
 */
export async function sendRequests(
  kind: ActionKind,
  requests: readonly OutgoingRequest[],
  tokens: SendTokens,
  endpoints: SecurityApiEndpoints,
  options: PolicyOptions = {},
): Promise<ActionOutcome> {
  let returnedId: string | undefined;
  for (const request of requests) {
    const answer = await call(request, tokens, endpoints, options);
    if (answer.ok && request.memberOf !== undefined && !listsGroup(answer.body, request.memberOf)) {
      return { kind: 'denied', text: 'You are not a member of the approvers group this bot is set up with, so the email was not moved. Ask a member of that group, or move it back in the Action center.' };
    }
    if (answer.ok && request.memberOf !== undefined) continue;
    if (!answer.ok) {
      const text = failureText(kind, answer.failure);
      // The first call changed something (the alert was classified), the next did not (its comment): say both.
      return { kind: 'failed', text: returnedId === undefined ? text : `The first step was done (id ${returnedId}), the next was not. ${text}` };
    }
    returnedId ??= answer.location?.slice(0, 200) ?? idOf(answer.body);
  }
  const id = returnedId ?? 'not given';
  const link = resultLink(kind, id);
  return { kind: 'done', returnedId: id, ...(link ? { link } : {}) };
}

/** Where a request goes and with which token: the email undo as the bot's application, direct, for its Location. */
async function call(request: OutgoingRequest, tokens: SendTokens, endpoints: SecurityApiEndpoints, options: PolicyOptions): Promise<Answer> {
  if (isDefenderService(request.service)) return callDirect(request, tokens.analyst, new URL(request.path, endpoints.defenderBaseUrl), options);
  if (request.service === 'graph-email') {
    let appToken: string | undefined;
    try {
      appToken = await tokens.app?.();
    } catch {
      return { ok: false, failure: { kind: 'no-app-token' } };
    }
    return callDirect(request, appToken, new URL(`/v1.0${request.path}`, endpoints.graphBaseUrl), options);
  }
  return callGraph(request, tokens.analyst, endpoints.graphBaseUrl, options);
}

/** checkMemberGroups answers with the groups of those asked that the signed-in user is in. */
function listsGroup(body: unknown, groupId: string): boolean {
  const value = typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
  return Array.isArray(value) && value.some((id) => typeof id === 'string' && id.toLowerCase() === groupId.toLowerCase());
}

/** The `id` of a created or updated object (the Defender API writes it as a number), or an action's correlation id. */
function idOf(body: unknown): string | undefined {
  const fields = typeof body === 'object' && body !== null ? (body as { id?: unknown; value?: { correlationId?: unknown } }) : undefined;
  const id = fields?.id ?? fields?.value?.correlationId;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 200) : undefined;
}

const retryAfterMsOf = (headers: Headers | undefined): number | undefined => {
  const seconds = Number(headers?.get('retry-after'));
  return headers?.has('retry-after') && Number.isFinite(seconds) ? seconds * 1000 : undefined;
};

/** A call with fetch itself (Defender for Endpoint, and Graph where its Location header is the answer). */
export async function callDirect(request: OutgoingRequest, token: string | undefined, url: URL, options: PolicyOptions): Promise<Answer> {
  try {
    const auth: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    const response = await fetchWithPolicy(
      (signal) =>
        fetch(url, {
          method: request.method,
          headers: { ...auth, ...(request.method === 'GET' ? {} : { 'Content-Type': 'application/json' }) },
          ...(request.method === 'GET' ? {} : { body: JSON.stringify(request.body) }),
          signal,
        }),
      options,
    );
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, failure: { kind: 'status', status: response.status, retryAfterMs: retryAfterMsOf(response.headers) } };
    }
    const location = response.headers.get('location') ?? undefined;
    return { ok: true, body: await response.json().catch(() => undefined), ...(location ? { location } : {}) };
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
  const api = client.api(request.path).version(request.service === 'graph-beta' ? 'beta' : 'v1.0');
  try {
    return { ok: true, body: await (request.method === 'PATCH' ? api.patch(request.body) : api.post(request.body)) };
  } catch (error) {
    if (unreachable) return { ok: false, failure: { kind: 'unreachable', attempts: unreachable.attempts } };
    if (error instanceof GraphError && error.statusCode > 0) return { ok: false, failure: { kind: 'status', status: error.statusCode, retryAfterMs: retryAfterMsOf(error.headers) } };
    throw error;
  }
}
