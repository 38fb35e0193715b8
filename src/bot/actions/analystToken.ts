import type { TurnContext } from 'botbuilder-core';

/** Which token an action needs: Microsoft Graph (submissions, alerts) or the Defender for Endpoint API (indicators). */
export type TokenAudience = 'graph' | 'defender';

/**
 * The analyst's own delegated token, or the answer already given when there is none yet: a sign-in
 * card in their personal chat, or a line asking them to continue there (group chats and channels).
 */
export type TokenAnswer = { readonly kind: 'token'; readonly token: string } | { readonly kind: 'sign-in'; readonly text: string };

/** Where a confirmed action gets the analyst's token; never an application permission. */
export interface AnalystTokens {
  tokenFor(context: TurnContext, audience: TokenAudience): Promise<TokenAnswer>;
}
