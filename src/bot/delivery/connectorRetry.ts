import { setTimeout as sleep } from 'node:timers/promises';
import { Activity, ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder-core';
import { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import { DeadlineExceeded, withDeadline } from '../../ops/deadline';
import { countConnectorRetry } from '../../ops/telemetry';
import { CachingConnectorFactory, clientAppId, ClientCache } from './clientCache';
import {
  CONNECTOR_RETRY,
  ConnectorGaveUpError,
  ConnectorTimeoutError,
  nextWaitMs,
  requestedWaitMs,
  RETRYABLE_STATUSES,
  RetrySettings,
} from '../../ops/retryPolicy';

/**
 * Retries and a timeout for every outgoing call to the Bot Connector (send, update, delete), as a
 * policy in the connector client's HTTP pipeline. The SDK offers no option for either: its
 * connector factory fixes the client's policies, so the policy is added to each client it makes.
 */

/**
 * One call's answer must come within this (the SDK sets no timeout at all). A turn has 10 s, and a
 * call to a healthy connector takes well under a second.
 */
const CONNECTOR_CALL_TIMEOUT_MS = 5_000;

/** What the policy uses of @azure/core-rest-pipeline's types, which the SDK does not re-export. */
interface PipelineAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | undefined };
}
interface PipelineRequest {
  abortSignal?: AbortSignal;
}
type SendRequest = (request: PipelineRequest) => Promise<PipelineAnswer>;
interface PipelinePolicy {
  readonly name: string;
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineAnswer>;
}
interface Pipeline {
  addPolicy(policy: PipelinePolicy, options: { phase: 'Retry'; afterPolicies: string[] }): void;
}

/** The pipeline's own retry policy; ours runs inside it, so it never sees the statuses ours handles. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/**
 * One attempt, given `timeoutMs` for its answer (token acquisition included: the signing policy runs
 * inside this one). At the timeout the attempt is aborted, which closes its socket.
 */
async function attemptWithin(request: PipelineRequest, next: SendRequest, callerSignal: AbortSignal | undefined, timeoutMs: number): Promise<PipelineAnswer> {
  const timeout = new AbortController();
  request.abortSignal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  try {
    return await withDeadline(next(request), timeoutMs, 'connector call');
  } catch (error) {
    if (!(error instanceof DeadlineExceeded)) throw error;
    timeout.abort();
    throw new ConnectorTimeoutError(timeoutMs);
  }
}

function connectorRetryPolicy(settings: RetrySettings, timeoutMs = CONNECTOR_CALL_TIMEOUT_MS): PipelinePolicy {
  return {
    name: 'teamsConnectorRetry',
    async sendRequest(request, next) {
      const callerSignal = request.abortSignal;
      let waitedMs = 0;
      for (let attempts = 1; ; attempts++) {
        const answer = await attemptWithin(request, next, callerSignal, timeoutMs);
        if (!RETRYABLE_STATUSES.has(answer.status)) return answer;
        const hints = {
          retryAfter: answer.headers.get('retry-after'),
          retryAfterMs: answer.headers.get('retry-after-ms') ?? answer.headers.get('x-ms-retry-after-ms'),
        };
        const wait = nextWaitMs({ attempts, waitedMs }, requestedWaitMs(hints, Date.now()), settings);
        if (wait === undefined) throw new ConnectorGaveUpError(answer.status, attempts);
        countConnectorRetry(answer.status);
        await sleep(wait);
        waitedMs += wait;
      }
    },
  };
}

/** The SDK keeps the core-client ServiceClient private; its pipeline is the one place a policy can go. */
function pipelineOf(client: ConnectorClient): Pipeline {
  const pipeline = (client as unknown as { client?: { pipeline?: Partial<Pipeline> } }).client?.pipeline;
  if (typeof pipeline?.addPolicy !== 'function') {
    throw new Error('botframework-connector changed shape: no HTTP pipeline to add the connector retry policy to');
  }
  return pipeline as Pipeline;
}

class RetryingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly settings: RetrySettings,
  ) {
    super();
  }

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    pipelineOf(client).addPolicy(connectorRetryPolicy(this.settings), { phase: 'Retry', afterPolicies: [SDK_RETRY_POLICY] });
    return client;
  }
}

/**
 * The SDK's configuration-based authentication, whose connector clients retry as above. A turn's
 * connector factory comes with the authenticated request; proactive sends ask for one directly.
 */
export class RetryingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  // Kept across turns rather than built for each (see clientCache.ts); each client gets the retry policy once.
  private readonly connectorClients = new ClientCache<ConnectorClient>();
  private readonly userTokenClients = new ClientCache<UserTokenClient>();

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly retry: RetrySettings = CONNECTOR_RETRY,
  ) {
    super(options);
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.retrying(await super.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.retrying(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.sharing(new RetryingConnectorFactory(super.createConnectorFactory(claimsIdentity), this.retry), claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(clientAppId(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private sharing(factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(factory, this.connectorClients, clientAppId(identity));
  }

  private retrying(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory
      ? { ...result, connectorFactory: this.sharing(new RetryingConnectorFactory(result.connectorFactory, this.retry), result.claimsIdentity) }
      : result;
  }
}
