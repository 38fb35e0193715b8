/**
 * The one question the HTTP edge asks the bot layer: here is a request's token and the activity it
 * carries; may it run, and what does its turn answer? Implemented in src/bot by the Bot Framework adapter.
 */

/** An activity as read from the body: a JSON object checked only for what routing and replies rely on. */
export type ReceivedActivity = Readonly<Record<string, unknown>> & { readonly type: string };

/** The HTTP status and body a turn answers with. */
export interface TurnReply {
  readonly status: number;
  readonly body?: unknown;
}

export type Admission =
  | {
      readonly outcome: 'admitted';
      /** Runs the turn; undefined when it has nothing to say beyond 200. */
      run(): Promise<TurnReply | undefined>;
      /** What the channel gets when the turn overruns its deadline (it goes on in the background). */
      lateReply(): TurnReply;
    }
  /** The token was missing or not valid; nothing of the activity was handled. */
  | { readonly outcome: 'unauthorized'; readonly reason: unknown }
  /** No token can be judged now (signing keys out of reach): come back after `retryAfterMs`. */
  | { readonly outcome: 'unavailable'; readonly reason: unknown; readonly retryAfterMs: number };

export interface BotTurns {
  admit(authorization: string, activity: ReceivedActivity): Promise<Admission>;
}
