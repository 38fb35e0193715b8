import { randomUUID } from 'node:crypto';
import * as restify from 'restify';
import { DeadlineExceeded, withDeadline } from '../ops/deadline';
import { InFlightTurns } from '../ops/inFlightTurns';
import { Logger } from '../ops/logger';
import { TokenUnavailableError } from '../ops/renewedToken';
import { observeServer, startRequest } from '../ops/telemetry';
import { noteReplied, runInTurnScope, TurnScope, TurnSummary } from '../ops/turnScope';
import type { StorageHandle } from '../storage/createStorage';
import { MAX_BODY_BYTES, readActivity, readJsonBody } from './activityRequest';
import { Admission, BotTurns } from './botTurns';

export interface EdgeLimits {
  /** The channel gives up on a request after about 15 s; the HTTP answer goes out before that. */
  readonly turnDeadlineMs: number;
  readonly readinessTimeoutMs: number;
  readonly maxBodyBytes: number;
}

const DEFAULT_LIMITS: EdgeLimits = { turnDeadlineMs: 10_000, readinessTimeoutMs: 2_000, maxBodyBytes: MAX_BODY_BYTES };

/** A whole request, headers and body, must arrive within this: slow senders cannot hold connections open. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Node checks those timeouts on this interval (default 30 s, which made them 30-60 s in practice). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export interface ServerDependencies {
  readonly bot: BotTurns;
  readonly storage: Pick<StorageHandle, 'ping' | 'failureCount'>;
  readonly turns: InFlightTurns;
  readonly log: Logger;
  readonly limits?: Partial<EdgeLimits>;
  /** Why intake stopped, if it did: the bot still answers, so it stays ready, and the probe says it. */
  readonly intakeProblem?: () => string | undefined;
  /** POST /api/intake; undefined (no INTAKE_AUDIENCE): it answers 404. */
  readonly intakePush?: IntakePushDoor;
}

/** The push endpoint's two steps: the caller's token, judged from the header alone, then the incident brought. */
export interface IntakePushDoor {
  admit(authorization: string): Promise<{ outcome: 'admitted'; caller: string } | { outcome: 'unauthorized'; reason: string } | { outcome: 'unavailable'; retryAfterMs: number }>;
  bring(incidentId: string): Promise<string>;
}

/** A pushed body names one incident: `{"incidentId"}`, or Sentinel's incident payload (object.properties.providerIncidentId). */
function pushedIncidentId(body: unknown): unknown {
  const record = body as { incidentId?: unknown; object?: { properties?: { providerIncidentId?: unknown } } } | null;
  return record?.incidentId ?? record?.object?.properties?.providerIncidentId;
}

const PUSH_BODY_BYTES = 256 * 1024;
const INCIDENT_ID = /^[A-Za-z0-9_-]{1,40}$/;

type Outcome = 'answered' | 'unsupported' | 'failed' | 'overran' | 'refused' | 'unauthorized' | 'busy' | 'unavailable' | 'stopping' | 'error';

const LOG_LEVEL_OF: Readonly<Record<Outcome, 'info' | 'warn' | 'error'>> = {
  answered: 'info',
  unsupported: 'warn',
  overran: 'warn',
  refused: 'warn',
  unauthorized: 'warn',
  busy: 'warn',
  unavailable: 'warn',
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
  readonly retryAfterSeconds?: number;
  readonly outcome: Outcome;
  readonly problem?: string;
  readonly summary?: TurnSummary;
}

const MAX_REASON_LENGTH = 200;

/** A token check fetches signing keys at most for a few seconds (signingKeys.ts); this bounds the rest. */
const AUTHENTICATION_DEADLINE_MS = 5_000;

/** Turns already take all the room there is: come back in a second, when most of them have ended. */
const BUSY: Answer = { status: 503, body: { error: 'busy' }, retryAfterSeconds: 1, outcome: 'busy', problem: 'too many turns in flight' };

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message.slice(0, MAX_REASON_LENGTH) : 'unknown');

/** What a token check that did not pass becomes: 401 for a bad token, 503 when no token can be judged now. */
function refusalAnswer(admission: Exclude<Admission, { outcome: 'admitted' }>): Answer {
  if (admission.outcome === 'unauthorized') {
    return { status: 401, body: { error: 'unauthorized' }, outcome: 'unauthorized', problem: reasonOf(admission.reason) };
  }
  const problem = `signing keys unavailable: ${reasonOf(admission.reason)}`;
  return { status: 503, body: { error: 'unavailable' }, retryAfterSeconds: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)), outcome: 'unavailable', problem };
}

/**
 * Reads the request, authenticates it, then runs its turn, each under its own bound. Every way this
 * can end becomes an HTTP answer: none leaves the request hanging. Beyond the turn cap a request is
 * refused before its body is read, and again before its turn starts.
 */
async function runTurn(req: restify.Request, deps: ServerDependencies, limits: EdgeLimits, scope: TurnScope): Promise<Answer> {
  if (deps.turns.closed) return { status: 503, body: { error: 'shutting down' }, outcome: 'stopping' };
  if (deps.turns.full) return BUSY;
  const read = await readActivity(req, limits.maxBodyBytes);
  if (!read.ok) return { status: read.status, body: { error: read.problem }, outcome: 'refused', problem: read.problem };

  const { activity } = read;
  // Nothing of the activity is looked at before its token is checked: the bot layer notes the summary after.
  let admission: Admission;
  try {
    admission = await withDeadline(deps.bot.admit(req.headers.authorization ?? '', activity), AUTHENTICATION_DEADLINE_MS, 'authentication');
  } catch (error) {
    if (error instanceof DeadlineExceeded) return { status: 503, body: { error: 'unavailable' }, retryAfterSeconds: 1, outcome: 'unavailable', problem: reasonOf(error) };
    throw error;
  }
  if (admission.outcome !== 'admitted') return refusalAnswer(admission);
  if (deps.turns.full) return BUSY;
  try {
    const response = await withDeadline(deps.turns.track(admission.run()), limits.turnDeadlineMs, 'turn');
    const status = response?.status ?? 200;
    const outcome = scope.failed ? 'failed' : status === NOT_IMPLEMENTED ? 'unsupported' : 'answered';
    return { status, body: response?.body, outcome, summary: scope.summary };
  } catch (error) {
    if (error instanceof DeadlineExceeded) {
      // The turn goes on in the background (shutdown waits for it); the channel gets its answer now.
      const late = admission.lateReply();
      return { status: late.status, body: late.body, outcome: 'overran', summary: scope.summary };
    }
    deps.log.error({ err: error }, 'turn could not run');
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
  // Node reads these when the server starts listening; restify creates it without options.
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = REQUEST_TIMEOUT_MS;
  (server.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = TIMEOUT_CHECK_INTERVAL_MS;

  observeServer({ turnsInFlight: () => deps.turns.size, storageFailures: () => deps.storage.failureCount() });

  server.post('/api/messages', async (req, res) => {
    const started = performance.now();
    const telemetry = startRequest();
    const correlationId = randomUUID();
    const scope: TurnScope = { correlationId, failed: false };
    // Everything the request logs, the SDK's own lines included, carries the correlation id.
    const answer = await runInTurnScope(scope, () => runTurn(req, deps, limits, scope));
    res.header('x-correlation-id', correlationId);
    if (answer.retryAfterSeconds !== undefined) res.header('retry-after', String(answer.retryAfterSeconds));
    // A body left unread (too large or refused early) or a server going away: this connection is not reused.
    if (answer.status === 413 || answer.outcome === 'stopping' || answer.outcome === 'busy') res.header('connection', 'close');
    if (answer.body === undefined) res.send(answer.status);
    else res.json(answer.status, answer.body);
    noteReplied(scope);
    const latencyMs = Math.round(performance.now() - started);
    logAnswer(deps.log, answer, correlationId, latencyMs);
    const { outcome, status, summary } = answer;
    telemetry.end({ correlationId, outcome, status, latencyMs, failed: LOG_LEVEL_OF[outcome] === 'error', summary });
  });

  server.post('/api/intake', async (req, res) => {
    const door = deps.intakePush;
    if (!door) {
      res.json(404, { error: 'not found' });
      return;
    }
    // The token first: a request without a good one is refused before a byte of its body is read.
    const admission = await door.admit(req.headers.authorization ?? '');
    if (admission.outcome === 'unavailable') {
      res.header('retry-after', String(Math.max(1, Math.ceil(admission.retryAfterMs / 1000))));
      res.header('connection', 'close');
      res.json(503, { error: 'unavailable' });
      return;
    }
    if (admission.outcome === 'unauthorized') {
      deps.log.warn({ problem: admission.reason }, 'intake push refused');
      res.header('connection', 'close');
      res.json(401, { error: 'unauthorized' });
      return;
    }
    const read = await readJsonBody(req, PUSH_BODY_BYTES);
    const incidentId = read.ok ? pushedIncidentId(read.body) : undefined;
    if (typeof incidentId !== 'string' || !INCIDENT_ID.test(incidentId)) {
      res.json(read.ok ? 400 : read.status, { error: read.ok ? 'the body names no incident id' : read.problem });
      return;
    }
    deps.log.info({ incidentId, caller: admission.caller }, 'intake push');
    const outcome = await door.bring(incidentId);
    res.json(outcome === 'post failed' ? 503 : 202, { incidentId, outcome });
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
      const intake = deps.intakeProblem?.();
      res.json(200, { status: 'ready', ...(intake ? { intake } : {}) });
    } catch (error) {
      deps.log.warn({ err: error }, 'not ready: storage unreachable');
      // The renewal's cause is in the error log; the probe says only which of the two it is.
      res.json(503, { status: 'storage unreachable', ...(error instanceof TokenUnavailableError ? { detail: `no token for ${error.purpose}` } : {}) });
    }
  });
  return server;
}
