import {
  Activity,
  ActivityTypes,
  CallerIdConstants,
  ConfigurationBotFrameworkAuthenticationOptions,
  InvokeResponse,
  TurnContext,
} from 'botbuilder-core';
// From its own module: the botbuilder index also loads skills, transcript stores and speech
// middleware this bot never uses (about 30 ms and 5 MB at start-up).
import { CloudAdapter } from 'botbuilder/lib/cloudAdapter';
import { AuthenticateRequestResult, AuthenticationConstants } from 'botframework-connector';
import { BotIdentity } from '../../config';
import { withDeadline } from '../../ops/deadline';
import { Logger } from '../../ops/logger';
import { ConnectorTimeoutError } from '../../ops/retryPolicy';
import { markTurnFailed, noteTurnSummary } from '../../ops/turnScope';
import { RetryingBotFrameworkAuthentication, textInvokeResponse } from '../delivery';
import { SigningKeysUnavailableError, useResilientSigningKeys } from './signingKeys';
import { tokenShapeProblem } from './tokenShape';
import { summariseTurn } from '../turns';

export const TURN_ERROR_REPLY = 'Sorry, something went wrong on my side. Your progress is kept: try again, or type help.';

/** A connector that does not answer must not hold the turn: the apology gets this long, then is logged as lost. */
const APOLOGY_TIMEOUT_MS = 5_000;

/** The request's token was missing or not valid; nothing of the activity was handled. */
export class UnauthorizedRequestError extends Error {
  constructor(readonly reason: unknown) {
    super(`request not authenticated: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'UnauthorizedRequestError';
  }
}

/** With no identity the SDK checks no tokens (local emulators only). `tokenServiceUrl` holds the analysts' tokens. */
function authenticationOptions(identity: BotIdentity | undefined, tokenServiceUrl: string): ConfigurationBotFrameworkAuthenticationOptions {
  const options = {
    MicrosoftAppId: identity?.appId ?? '',
    MicrosoftAppPassword: identity?.appPassword ?? '',
    MicrosoftAppType: identity?.appType ?? '',
    MicrosoftAppTenantId: identity?.tenantId ?? '',
  };
  const authority = identity?.tokenAuthority;
  if (!authority && tokenServiceUrl === AuthenticationConstants.OAuthUrl) return options;
  // Once any endpoint is given the SDK takes all of them as given, so the others keep the public cloud's values.
  return {
    ...options,
    ToBotFromChannelOpenIdMetadataUrl: authority?.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: authority?.issuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: tokenServiceUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * The Bot Framework adapter, entered by the HTTP edge with an activity it has already read. The
 * edge authenticates first and runs the turn only for a valid token, each step under its own
 * bound, and decides what HTTP answer each outcome gets.
 */
export class AuthenticatingAdapter extends CloudAdapter {
  constructor(
    authentication: RetryingBotFrameworkAuthentication,
    /** False with no app id: the SDK then checks no tokens (local emulators only), and neither does this. */
    private readonly checksTokens: boolean,
  ) {
    super(authentication);
  }

  /** Throws UnauthorizedRequestError for a token that is not valid, SigningKeysUnavailableError when a well-formed one cannot be judged. */
  async authenticate(authorization: string, activity: Activity): Promise<AuthenticateRequestResult> {
    // A token that can never be valid is refused before the SDK asks for signing keys.
    const problem = this.checksTokens ? tokenShapeProblem(authorization) : undefined;
    if (problem) throw new UnauthorizedRequestError(new Error(problem));
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      if (error instanceof SigningKeysUnavailableError) throw error;
      // The SDK throws its own AuthenticationError, but a bad signature surfaces as jsonwebtoken's error.
      throw new UnauthorizedRequestError(error);
    }
  }

  runTurn(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    noteTurnSummary(summariseTurn(activity));
    return this.processActivity(authenticated, activity, logic);
  }
}

/** A card click shows the apology to whoever clicked; other invokes have no message to show, so they fail plainly. */
export const apologyInvokeResponse = (invokeName: string | undefined): InvokeResponse => textInvokeResponse(invokeName, TURN_ERROR_REPLY, 500);

/**
 * The analyst sees a short apology with a way forward. An invoke carries it in its own HTTP answer;
 * a message needs the connector, which may be the very thing that failed, so that send is bounded,
 * and skipped when the connector has just failed to answer at all.
 */
async function apologise(context: TurnContext, error: unknown, log: Logger): Promise<void> {
  const { type, name } = context.activity;
  try {
    if (type !== ActivityTypes.Invoke) {
      if (error instanceof ConnectorTimeoutError) {
        log.warn('apology not sent: the connector is not answering');
        return;
      }
      await withDeadline(context.sendActivity(TURN_ERROR_REPLY), APOLOGY_TIMEOUT_MS, 'apology');
      return;
    }
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: apologyInvokeResponse(name) });
  } catch (error) {
    log.warn({ err: error }, 'apology not delivered');
  }
}

export function createAdapter(identity: BotIdentity | undefined, log: Logger, tokenServiceUrl: string = AuthenticationConstants.OAuthUrl): AuthenticatingAdapter {
  useResilientSigningKeys();
  const adapter = new AuthenticatingAdapter(new RetryingBotFrameworkAuthentication(authenticationOptions(identity, tokenServiceUrl)), identity !== undefined);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    markTurnFailed();
    log.error({ err: error }, 'turn failed');
    await apologise(context, error, log);
  };
  return adapter;
}
