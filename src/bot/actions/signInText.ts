import type { TokenAudience } from './analystToken';

/** What the analyst reads about signing in, in one place. */

export const SIGN_IN_BELOW = 'Sign in with the card below, then press Confirm again.';

/** The OAuthCard's text: what the sign-in lets the bot do. */
export const SIGN_IN_CARD_TEXT: Readonly<Record<TokenAudience, string>> = {
  graph: 'Sign in so that I can submit items to Microsoft and classify alerts as you, with your own permissions.',
  defender: 'Sign in to Microsoft Defender for Endpoint so that I can add indicators as you, with your own role.',
};

/** The connection for that audience is not configured: only the tenant's admin can change that. */
export const NOT_SET_UP: Readonly<Record<TokenAudience, string>> = {
  graph: 'Acting from Teams is not set up for this bot yet (no OAuth connection for Microsoft Graph, OAUTH_CONNECTION_NAME): do it in the Defender portal for now, and ask your admin.',
  defender:
    'Adding indicators from Teams is not set up for this bot yet (no OAuth connection for Defender for Endpoint, DEFENDER_OAUTH_CONNECTION_NAME): add it in the Defender portal for now, and ask your admin.',
};

/** Anonymous local mode: the token service knows bots by their app id, so nobody can sign in through this one. */
export const NO_APP_ID = 'This bot runs without a Microsoft App ID (local mode), so it cannot ask you to sign in: act in the Defender portal, or run the bot with its Azure Bot registration.';

export const SIGN_IN_UNAVAILABLE = 'The sign-in service did not answer just now: try again in a minute.';

export const ALREADY_SIGNED_IN = 'You are already signed in: actions from Teams run as you.';

export const SIGNED_OUT = 'Signed out: the next action from Teams asks you to sign in again.';

/** Teams' link that opens the personal chat with a bot, given its Microsoft Entra app id. */
const personalChatLink = (botAppId: string): string => `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}`;

/** Sign-in cards are never posted into a shared thread: the analyst signs in in their personal chat with the bot. */
export function continueInPersonalChat(botAppId: string | undefined): string {
  const where = botAppId ? `our personal chat (${personalChatLink(botAppId)})` : 'your personal chat with me';
  return `To act as you I need you to sign in, and I only ask for that in private: open ${where}, type sign in, then press Confirm here again.`;
}
