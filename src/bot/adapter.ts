import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import { BotIdentity } from '../config';

export const TURN_ERROR_REPLY = 'Sorry, something went wrong on my side. Your progress is kept: try again, or type help.';

/**
 * The Bot Framework adapter. With no identity it runs anonymously (local emulators only);
 * with one, every request must carry a valid Bot Framework token.
 */
export function createAdapter(identity: BotIdentity | undefined, reportError: (error: unknown) => void): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity?.appId ?? '',
    MicrosoftAppPassword: identity?.appPassword ?? '',
    MicrosoftAppType: identity?.appType ?? '',
    MicrosoftAppTenantId: identity?.tenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    reportError(error);
    await context.sendActivity(TURN_ERROR_REPLY);
  };
  return adapter;
}
