import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext } from 'botbuilder-core';
import * as restify from 'restify';
import { apologyInvokeResponse, AuthenticatingAdapter, UnauthorizedRequestError } from './bot/adapter';
import { MAX_BODY_BYTES, readActivity } from './ops/activityRequest';
import { DeadlineExceeded, withDeadline } from './ops/deadline';
import { InFlightTurns } from './ops/inFlightTurns';
import { Logger } from './ops/logger';
import { runInTurnScope, TurnScope, TurnSummary } from './ops/turnScope';
import { StorageHandle } from './storage/createStorage';

export interface EdgeLimits {
  /** The channel gives up on a request after about 15 s; the HTTP answer goes out before that. */
  readonly turnDeadlineMs: number;
  readonly readinessTimeoutMs: number;
  readonly maxBodyBytes: number;
}

export const DEFAULT_LIMITS: EdgeLimits = { turnDeadlineMs: 10_000, readinessTimeoutMs: 2_000, maxBodyBytes: MAX_BODY_BYTES };

/** A whole request, body included, must arrive within this: slow senders cannot hold connections open. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface ServerDependencies {
  readonly adapter: AuthenticatingAdapter;
  readonly logic: (context: TurnContext) => Promise<void>;
  readonly storage: Pick<StorageHandle, 'ping'>;
  readonly turns: InFlightTurns;
  readonly log: Logger;
  readonly limits?: Partial<EdgeLimits>;
}

type Outcome = 'answered' | 'unsupported' | 'failed' | 'overran' | 'refused' | 'unauthorized' | 'stopping' | 'error';

const LOG_LEVEL_OF: Readonly<Record<Outcome, 'info' | 'warn' | 'error'>> = {
  answered: 'info',
  unsupported: 'warn',
  overran: 'warn',
  refused: 'warn',
  unauthorized: 'warn',
  stopping: 'warn',
  failed: 'error',
  error: 'error',
};

/** The SDK answers invokes the bot has no handler for with 501. */
const NOT_IMPLEMENTED = 501;

/** The HTTP answer to one POST /api/messages, and what its log line says. */
interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly outcome: Outcome;
  readonly problem?: string;
  readonly summary?: TurnSummary;
}

const MAX_REASON_LENGTH = 200;

/**
 * Reads the request, then authenticates and runs its turn. Every way this can end becomes an HTTP
 * answer within the turn deadline: none leaves the request hanging.
 */
async function runTurn(req: restify.Request, deps: ServerDependencies, limits: EdgeLimits, correlationId: string): Promise<Answer> {
  if (deps.turns.closed) return { status: 503, body: { error: 'shutting down' }, outcome: 'stopping' };
  const read = await readActivity(req, limits.maxBodyBytes);
  if (!read.ok) return { status: read.status, body: { error: read.problem }, outcome: 'refused', problem: read.problem };

  const { activity } = read;
  // Nothing of the activity is looked at before its token is checked: the bot layer notes the summary after.
  const scope: TurnScope = { correlationId, failed: false };
  const authorization = req.headers.authorization ?? '';
  try {
    // The turn starts inside the scope, so everything it logs carries the correlation id.
    const response = await runInTurnScope(scope, () => {
      const turn = deps.turns.track(deps.adapter.handle(authorization, activity, deps.logic));
      return withDeadline(turn, limits.turnDeadlineMs, 'turn');
    });
    const status = response?.status ?? 200;
    const outcome = scope.failed ? 'failed' : status === NOT_IMPLEMENTED ? 'unsupported' : 'answered';
    return { status, body: response?.body, outcome, summary: scope.summary };
  } catch (error) {
    if (error instanceof UnauthorizedRequestError) {
      const reason = error.reason instanceof Error ? error.reason.message.slice(0, MAX_REASON_LENGTH) : 'unknown';
      return { status: 401, body: { error: 'unauthorized' }, outcome: 'unauthorized', problem: reason };
    }
    if (error instanceof DeadlineExceeded) {
      // The turn goes on in the background (shutdown waits for it); the channel gets its answer now.
      const late = activity.type === ActivityTypes.Invoke ? apologyInvokeResponse(activity.name) : { status: 202 };
      return { status: late.status, body: late.body, outcome: 'overran', summary: scope.summary };
    }
    deps.log.error({ err: error, correlationId }, 'turn could not run');
    return { status: 500, body: { error: 'internal error' }, outcome: 'error', summary: scope.summary };
  }
}

function logAnswer(log: Logger, answer: Answer, correlationId: string, latencyMs: number): void {
  const { status, outcome, problem, summary } = answer;
  const line = { correlationId, ...summary, outcome, status, latencyMs, ...(problem ? { problem } : {}) };
  log[LOG_LEVEL_OF[outcome]](line, 'turn');
}

export function createServer(deps: ServerDependencies): restify.Server {
  const limits: EdgeLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const server = restify.createServer({ name: 'air-guidance-bot' });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;

  server.post('/api/messages', async (req, res) => {
    const started = performance.now();
    const correlationId = randomUUID();
    const answer = await runTurn(req, deps, limits, correlationId);
    res.header('x-correlation-id', correlationId);
    // A body left unread (too large) or a server going away: this connection is not reused.
    if (answer.status === 413 || answer.outcome === 'stopping') res.header('connection', 'close');
    if (answer.body === undefined) res.send(answer.status);
    else res.json(answer.status, answer.body);
    logAnswer(deps.log, answer, correlationId, Math.round(performance.now() - started));
  });

  // Probes: no authentication, and nothing in the answer but a status word.
  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req, res) => {
    if (deps.turns.closed) {
      res.json(503, { status: 'stopping' });
      return;
    }
    try {
      await withDeadline(deps.storage.ping(), limits.readinessTimeoutMs, 'storage ping');
      res.json(200, { status: 'ready' });
    } catch (error) {
      deps.log.warn({ err: error }, 'not ready: storage unreachable');
      res.json(503, { status: 'storage unreachable' });
    }
  });
  return server;
}
