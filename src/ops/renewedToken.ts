import type { AccessToken, TokenCredential } from '@azure/identity';
import { withDeadline } from './deadline';
import type { Logger } from './logger';

/** Renewed this long before it expires (what Azure's SDKs do), or at half its life when it lives shorter. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** Not sent this close to its expiry, so it does not expire on its way (a tenth of its life when shorter). */
const EXPIRY_MARGIN_MS = 30_000;
/** A request that must wait for a token waits this long at most, well inside a turn's deadline. */
const FETCH_TIMEOUT_MS = 3_000;
/** At start-up the identity endpoint may be slower (its own retries); the bot does not listen before it has a token. */
const FIRST_FETCH_TIMEOUT_MS = 15_000;
/** After a failed renewal, the next try waits this long, so a failing identity endpoint is not flooded. */
const RETRY_AFTER_FAILURE_MS = 1_000;

/** No token could be had for `purpose`; the error's message names the cause, never a token. */
export class TokenUnavailableError extends Error {
  override readonly name = 'TokenUnavailableError';

  constructor(
    readonly purpose: string,
    readonly problem: string,
  ) {
    super(`no token for ${purpose}: ${problem}`);
  }
}

const problemOf = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ').slice(0, 300);

interface Held {
  readonly token: AccessToken;
  readonly renewAt: number;
  readonly expiresAt: number;
}

function held(token: AccessToken, now: number): Held {
  const life = Math.max(0, token.expiresOnTimestamp - now);
  const renewAt = token.refreshAfterTimestamp ?? token.expiresOnTimestamp - Math.min(RENEW_BEFORE_EXPIRY_MS, life / 2);
  return { token, renewAt: Math.min(renewAt, token.expiresOnTimestamp), expiresAt: token.expiresOnTimestamp - Math.min(EXPIRY_MARGIN_MS, life / 10) };
}

/**
 * One scope's access token from a credential, kept in memory and renewed before it expires. A request
 * never waits for a renewal while the held token is still good: the renewal runs beside it. One that
 * fails is logged as an error, tried again a second later, and reported by `check()` until one succeeds;
 * the held token is used for as long as it lasts. The token itself is never logged.
 */
export class RenewedToken {
  private current?: Held;
  private renewing?: Promise<Held>;
  private failure?: { readonly at: number; readonly problem: string };

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly purpose: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token to send now; rejects with TokenUnavailableError when none is good and none can be had. */
  async get(): Promise<string> {
    const now = this.now();
    const current = this.current;
    if (current && now < current.renewAt) return current.token.token;
    if (current && now < current.expiresAt) {
      this.renew().catch(() => undefined);
      return current.token.token;
    }
    return (await this.renew()).token.token;
  }

  /** The first token, before the bot listens; a failure rejects with TokenUnavailableError and is not logged (the caller says it in one line). */
  async start(): Promise<void> {
    try {
      this.current = held(await this.request(FIRST_FETCH_TIMEOUT_MS), this.now());
    } catch (error) {
      throw new TokenUnavailableError(this.purpose, problemOf(error));
    }
  }

  /**
   * Resolves while renewals succeed; after a failed one, rejects at once with its cause and tries again
   * beside it (a readiness probe must not wait for an identity endpoint's own retries).
   */
  async check(): Promise<void> {
    const failure = this.failure;
    if (!failure) {
      await this.get();
      return;
    }
    this.renew().catch(() => undefined);
    throw new TokenUnavailableError(this.purpose, failure.problem);
  }

  private renew(): Promise<Held> {
    const failure = this.failure;
    if (failure && this.now() - failure.at < RETRY_AFTER_FAILURE_MS && !this.renewing) return Promise.reject(new TokenUnavailableError(this.purpose, failure.problem));
    this.renewing ??= this.fetch().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async fetch(): Promise<Held> {
    try {
      this.current = held(await this.request(FETCH_TIMEOUT_MS), this.now());
      if (this.failure) this.log.info({ tokenPurpose: this.purpose }, `a token for ${this.purpose} was had again`);
      this.failure = undefined;
      return this.current;
    } catch (error) {
      const problem = problemOf(error);
      this.failure = { at: this.now(), problem };
      const stillGood = this.current !== undefined && this.now() < this.current.expiresAt;
      this.log.error({ tokenPurpose: this.purpose, problem, tokenStillGood: stillGood }, `no token for ${this.purpose}: renewal failed`);
      throw new TokenUnavailableError(this.purpose, problem);
    }
  }

  private async request(timeoutMs: number): Promise<AccessToken> {
    const token = await withDeadline(this.credential.getToken(this.scope), timeoutMs, `a token for ${this.purpose}`);
    if (!token) throw new Error('the credential returned no token');
    return token;
  }
}
