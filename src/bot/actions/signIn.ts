import {
  Activity,
  ActivityTypes,
  CardFactory,
  InvokeResponse,
  MessageFactory,
  Middleware,
  TextFormatTypes,
  tokenExchangeOperationName,
  TurnContext,
  verifyStateOperationName,
} from 'botbuilder-core';
import type { UserTokenClient } from 'botframework-connector';
import { SignInSettings } from '../../config';
import { withDeadline } from '../../ops/deadline';
import { SIGN_IN_FAILURE_INVOKE } from '../../core/wireNames';
import { Logger } from '../../ops/logger';
import { readMessage } from '../turns';
import { AnalystTokens, TokenAnswer, TokenAudience } from './analystToken';
import { ExchangeOnce } from './exchangeOnce';
import {
  ALREADY_SIGNED_IN,
  continueInPersonalChat,
  NO_APP_ID,
  NOT_SET_UP,
  SIGN_IN_BELOW,
  SIGN_IN_CARD_TEXT,
  SIGN_IN_UNAVAILABLE,
  SIGNED_OUT,
} from './signInText';

/** Teams sends it when single sign-on failed on the client (a wrong Application ID URI, the app not installed, ...). */

/**
 * One call to the token service gets this long: the SDK sets no timeout, and a Confirm is an invoke,
 * which Teams wants answered within 5 s (the state read and write come on top).
 */
const TOKEN_SERVICE_TIMEOUT_MS = 3_000;
const MAX_CODE_LENGTH = 100;
const EXCHANGE_FAILED = 'The bot could not exchange the token; sign in with the card instead.';
/** No magic code, no final redirect: the SDK's own callers pass undefined where its types say string. */
const NOT_GIVEN = undefined as unknown as string;

/** What the token service said, for the log: its HTTP status at most (its errors carry the request URL, with a code in it). */
const statusOf = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPersonalChat = (activity: Partial<Activity>): boolean => activity.conversation?.conversationType === 'personal';
const invokeAnswer = (status: number, body?: unknown): Partial<Activity> => ({ type: ActivityTypes.InvokeResponse, value: { status, body } as InvokeResponse });

type TypedCommand = 'sign in' | 'sign out';

/** `sign in` or `sign out`, typed to the bot (mentioned in a shared thread), in any spacing and case. */
function typedCommand(activity: Partial<Activity>): TypedCommand | undefined {
  if (activity.type !== ActivityTypes.Message) return undefined;
  const turn = readMessage(activity);
  if (turn?.kind !== 'input' || turn.input.kind !== 'text') return undefined;
  const words = turn.input.text.trim().toLowerCase().replace(/\s+/g, ' ');
  return words === 'sign in' || words === 'signin' ? 'sign in' : words === 'sign out' || words === 'signout' ? 'sign out' : undefined;
}

/**
 * The analyst's own delegated token, through the Azure Bot's OAuth connections and the Bot Framework
 * token service: a sign-in card in their personal chat (with Teams single sign-on), never in a shared
 * thread. As middleware it answers what Teams sends back about a sign-in (`signin/tokenExchange`,
 * `signin/verifyState`, `signin/failure`) and the typed `sign in` and `sign out`; anything else goes on to the bot.
 */
export class AnalystSignIn implements AnalystTokens, Middleware {
  private readonly exchanges = new ExchangeOnce();

  constructor(
    private readonly settings: SignInSettings,
    /** The bot's Microsoft Entra app id, for the link to its personal chat; undefined in anonymous local mode. */
    private readonly botAppId: string | undefined,
    private readonly log: Logger,
  ) {}

  async tokenFor(context: TurnContext, audience: TokenAudience): Promise<TokenAnswer> {
    const connection = this.connectionFor(audience);
    if (!connection) return { kind: 'sign-in', text: NOT_SET_UP[audience] };
    try {
      const token = await this.storedToken(context, connection);
      if (token) return { kind: 'token', token };
      if (!isPersonalChat(context.activity)) return { kind: 'sign-in', text: continueInPersonalChat(this.botAppId) };
      if (!this.botAppId) return { kind: 'sign-in', text: NO_APP_ID };
      await this.sendSignInCard(context, connection, audience);
      return { kind: 'sign-in', text: SIGN_IN_BELOW };
    } catch (error) {
      this.log.warn({ status: statusOf(error), audience }, 'token service: no answer about the analyst\'s token');
      return { kind: 'sign-in', text: SIGN_IN_UNAVAILABLE };
    }
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, name } = context.activity;
    if (type === ActivityTypes.Invoke && name === tokenExchangeOperationName) return this.answerTokenExchange(context);
    if (type === ActivityTypes.Invoke && name === verifyStateOperationName) return this.answerVerifyState(context);
    if (type === ActivityTypes.Invoke && name === SIGN_IN_FAILURE_INVOKE) return this.noteClientFailure(context);
    const command = typedCommand(context.activity);
    if (command === 'sign in') return this.signInOnRequest(context);
    if (command === 'sign out') return this.signOut(context);
    await next();
  }

  private connectionFor(audience: TokenAudience): string | undefined {
    return audience === 'graph' ? this.settings.graphConnection : this.settings.defenderConnection;
  }

  private configuredConnections(): { audience: TokenAudience; connection: string }[] {
    return (['graph', 'defender'] as const).flatMap((audience) => {
      const connection = this.connectionFor(audience);
      return connection ? [{ audience, connection }] : [];
    });
  }

  /** The turn's token client, which the adapter made for this bot from the authenticated request. */
  private client(context: TurnContext): UserTokenClient {
    const key = (context.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey;
    const client = key ? (context.turnState.get(key) as UserTokenClient | undefined) : undefined;
    if (!client) throw new Error('this adapter gives turns no user token client');
    return client;
  }

  private tokenService<T>(work: Promise<T>): Promise<T> {
    return withDeadline(work, TOKEN_SERVICE_TIMEOUT_MS, 'token service');
  }

  private async storedToken(context: TurnContext, connection: string, code = NOT_GIVEN): Promise<string | undefined> {
    const { from, channelId } = context.activity;
    const answer = await this.tokenService(this.client(context).getUserToken(from.id, connection, channelId, code));
    return answer?.token || undefined;
  }

  /** An OAuthCard with the token exchange resource, so a Teams client can sign the analyst in without a click. */
  private async sendSignInCard(context: TurnContext, connection: string, audience: TokenAudience): Promise<void> {
    const resource = await this.tokenService(this.client(context).getSignInResource(connection, context.activity, NOT_GIVEN));
    const card = CardFactory.oauthCard(connection, 'Sign in', SIGN_IN_CARD_TEXT[audience], resource.signInLink, resource.tokenExchangeResource, resource.tokenPostResource);
    await context.sendActivity(MessageFactory.attachment(card));
    this.log.info({ audience }, 'sign-in card sent');
  }

  private reply(context: TurnContext, text: string): Promise<unknown> {
    return context.sendActivity({ type: ActivityTypes.Message, text, textFormat: TextFormatTypes.Plain });
  }

  /**
   * Teams' single sign-on: the client's token for this bot, exchanged for one of the connection's. A
   * failure answers 412 so that Teams shows the card's sign-in button; the same exchange sent by two
   * of the analyst's clients reaches the token service once.
   */
  private async answerTokenExchange(context: TurnContext): Promise<void> {
    const { value, from, channelId } = context.activity;
    const request = isRecord(value) ? value : {};
    const { id, connectionName, token } = request;
    const ours = this.configuredConnections().some((c) => c.connection === connectionName);
    if (typeof id !== 'string' || typeof connectionName !== 'string' || typeof token !== 'string' || token === '' || !ours) {
      this.log.warn('sign-in: a token exchange that names no connection of this bot, or carries no token');
      await context.sendActivity(invokeAnswer(400, { id, connectionName, failureDetail: EXCHANGE_FAILED }));
      return;
    }
    const exchanged = await this.exchanges.run(`${from.id}\n${connectionName}\n${id}`, async () => {
      try {
        const answer = await this.tokenService(this.client(context).exchangeToken(from.id, connectionName, channelId, { token }));
        return Boolean(answer?.token);
      } catch (error) {
        this.log.warn({ status: statusOf(error) }, 'sign-in: the token service refused the single sign-on exchange');
        return false;
      }
    });
    this.log.info({ exchanged }, 'sign-in: single sign-on exchange');
    await context.sendActivity(exchanged ? invokeAnswer(200, { id, connectionName }) : invokeAnswer(412, { id, connectionName, failureDetail: EXCHANGE_FAILED }));
  }

  /**
   * The code Teams hands over after a sign-in through the card's button. It names no connection, so
   * it is offered to each: only the one whose sign-in issued it gives a token for it.
   */
  private async answerVerifyState(context: TurnContext): Promise<void> {
    const state = isRecord(context.activity.value) ? context.activity.value.state : undefined;
    if (typeof state !== 'string' || state === '' || state.length > MAX_CODE_LENGTH) {
      await context.sendActivity(invokeAnswer(400));
      return;
    }
    try {
      const tokens = await Promise.all(this.configuredConnections().map(({ connection }) => this.storedToken(context, connection, state)));
      const verified = tokens.some(Boolean);
      this.log.info({ verified }, 'sign-in: code from the sign-in card');
      await context.sendActivity(invokeAnswer(verified ? 200 : 404));
    } catch (error) {
      this.log.warn({ status: statusOf(error) }, 'sign-in: the token service did not take the code');
      await context.sendActivity(invokeAnswer(500));
    }
  }

  /** Said in the log, for the admin: `resourcematchfailed` means the Application ID URI and the manifest disagree. */
  private async noteClientFailure(context: TurnContext): Promise<void> {
    const value = context.activity.value;
    const code = isRecord(value) && typeof value.code === 'string' ? value.code.slice(0, 40) : undefined;
    this.log.warn({ code }, 'sign-in: single sign-on failed in the Teams client');
    await context.sendActivity(invokeAnswer(200));
  }

  /** `sign in` typed in the personal chat: a card for each connection without a token; elsewhere, where to do it. */
  private async signInOnRequest(context: TurnContext): Promise<void> {
    if (!isPersonalChat(context.activity)) {
      await this.reply(context, continueInPersonalChat(this.botAppId));
      return;
    }
    if (!this.botAppId) {
      await this.reply(context, NO_APP_ID);
      return;
    }
    try {
      let cards = 0;
      for (const { audience, connection } of this.configuredConnections()) {
        if (await this.storedToken(context, connection)) continue;
        await this.sendSignInCard(context, connection, audience);
        cards++;
      }
      if (cards === 0) await this.reply(context, ALREADY_SIGNED_IN);
    } catch (error) {
      this.log.warn({ status: statusOf(error) }, 'token service: sign-in on request failed');
      await this.reply(context, SIGN_IN_UNAVAILABLE);
    }
  }

  private async signOut(context: TurnContext): Promise<void> {
    const { from, channelId } = context.activity;
    try {
      const client = this.client(context);
      for (const { connection } of this.configuredConnections()) await this.tokenService(client.signOutUser(from.id, connection, channelId));
      this.log.info('sign-in: analyst signed out');
      await this.reply(context, SIGNED_OUT);
    } catch (error) {
      this.log.warn({ status: statusOf(error) }, 'token service: sign-out failed');
      await this.reply(context, SIGN_IN_UNAVAILABLE);
    }
  }
}
