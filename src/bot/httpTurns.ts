import { Activity, ActivityTypes, TurnContext } from 'botbuilder-core';
// The SDK's own fix-ups of an incoming activity (timestamps as Dates), as CloudAdapter.process applies them.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Admission, BotTurns, ReceivedActivity } from '../http/botTurns';
import { apologyInvokeResponse, AuthenticatingAdapter, SigningKeysUnavailableError, UnauthorizedRequestError } from './auth';

/** The HTTP edge's question answered by the Bot Framework adapter: the token checked, then the turn run by `logic`. */
export function botTurns(adapter: AuthenticatingAdapter, logic: (context: TurnContext) => Promise<void>): BotTurns {
  return {
    async admit(authorization: string, received: ReceivedActivity): Promise<Admission> {
      const activity = validateAndFixActivity(received as Partial<Activity> as Activity);
      try {
        const authenticated = await adapter.authenticate(authorization, activity);
        return {
          outcome: 'admitted',
          run: () => adapter.runTurn(authenticated, activity, logic),
          lateReply: () => (activity.type === ActivityTypes.Invoke ? apologyInvokeResponse(activity.name) : { status: 202 }),
        };
      } catch (error) {
        if (error instanceof UnauthorizedRequestError) return { outcome: 'unauthorized', reason: error.reason };
        if (error instanceof SigningKeysUnavailableError) return { outcome: 'unavailable', reason: error.cause, retryAfterMs: error.retryAfterMs };
        throw error;
      }
    },
  };
}
