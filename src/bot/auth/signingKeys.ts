import { createPublicKey } from 'node:crypto';
// Not exported from the package index; the SDK's own token checks require this very module.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';

/**
 * The Bot Framework's signing keys, fetched for the SDK's token checks. The SDK's own fetcher has no
 * timeout, fetches once per waiting request while its cache is empty or stale, and retries at once
 * after a failure: with the key endpoint down or hanging, every forged token opened a socket and
 * held its request. Here one fetch at a time serves every request, it is given a few seconds, a
 * failure is followed by a growing pause, and keys already held keep being used meanwhile.
 */

export interface KeySetTiming {
  /** The metadata document and the key set together must arrive within this. */
  readonly fetchTimeoutMs: number;
  /** Keys older than this are fetched again, in the background: the old ones serve meanwhile. */
  readonly refreshAfterMs: number;
  /** A token naming a key not held looks again at most this often (keys are rotated). */
  readonly unknownKeyRecheckMs: number;
  /** The first pause after a failed fetch; it doubles per failure up to maxBackoffMs. */
  readonly firstBackoffMs: number;
  readonly maxBackoffMs: number;
}

const KEY_SET_TIMING: KeySetTiming = {
  fetchTimeoutMs: 3_000,
  refreshAfterMs: 24 * 60 * 60_000,
  unknownKeyRecheckMs: 60 * 60_000,
  firstBackoffMs: 1_000,
  maxBackoffMs: 60_000,
};

/** No signing keys could be had, so no token can be judged: the request is answered 503, not 401. */
export class SigningKeysUnavailableError extends Error {
  constructor(
    readonly retryAfterMs: number,
    cause?: unknown,
  ) {
    super('the signing keys could not be fetched', { cause });
    this.name = 'SigningKeysUnavailableError';
  }
}

/** What the SDK's token extractor asks of its key source (its IOpenIdMetadataKey). */
export interface SigningKey {
  readonly key: string;
  readonly endorsements?: string[];
}

interface Jwk {
  readonly kid?: unknown;
  readonly kty?: unknown;
  readonly n?: unknown;
  readonly e?: unknown;
  readonly endorsements?: unknown;
}

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, redirect: 'error' });
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
  return response.json();
}

/** RSA keys by key id, as PEM; any other key is skipped, as the SDK does. */
function keysOf(keySet: unknown): Map<string, SigningKey> {
  const listed = (keySet as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(listed)) throw new Error('the key set lists no keys');
  const keys = new Map<string, SigningKey>();
  for (const jwk of listed as Jwk[]) {
    if (typeof jwk?.kid !== 'string' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue;
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((e): e is string => typeof e === 'string') : undefined;
    keys.set(jwk.kid, { key, ...(endorsements ? { endorsements } : {}) });
  }
  return keys;
}

/** The keys one OpenID metadata document points at. */
export class SigningKeySet {
  private keys: Map<string, SigningKey> | undefined;
  private fetchedAt = 0;
  private fetching: Promise<void> | undefined;
  private failures = 0;
  private pausedUntil = 0;

  constructor(
    private readonly metadataUrl: string,
    private readonly timing: KeySetTiming = KEY_SET_TIMING,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key, null when the key set has no such key, or SigningKeysUnavailableError when there is no key set at all. */
  async getKey(keyId: string): Promise<SigningKey | null> {
    if (!this.keys) {
      await this.refresh();
      return this.find(keyId);
    }
    const age = this.now() - this.fetchedAt;
    if (age > this.timing.refreshAfterMs) this.refresh().catch(() => undefined);
    const found = this.find(keyId);
    if (found || age < this.timing.unknownKeyRecheckMs) return found;
    await this.refresh().catch(() => undefined);
    return this.find(keyId);
  }

  private find(keyId: string): SigningKey | null {
    return this.keys?.get(keyId) ?? null;
  }

  /** One fetch at a time, shared by every caller; none during the pause after a failure. */
  private refresh(): Promise<void> {
    if (this.fetching) return this.fetching;
    const pauseLeft = this.pausedUntil - this.now();
    if (pauseLeft > 0) return Promise.reject(new SigningKeysUnavailableError(pauseLeft, new Error('pausing after a failed fetch')));
    this.fetching = this.fetchKeys().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const signal = AbortSignal.timeout(this.timing.fetchTimeoutMs);
      const metadata = (await fetchJson(this.metadataUrl, signal)) as { jwks_uri?: unknown } | null;
      if (typeof metadata?.jwks_uri !== 'string') throw new Error('the OpenID metadata names no jwks_uri');
      this.keys = keysOf(await fetchJson(metadata.jwks_uri, signal));
      this.fetchedAt = this.now();
      this.failures = 0;
    } catch (error) {
      const pause = Math.min(this.timing.firstBackoffMs * 2 ** this.failures, this.timing.maxBackoffMs);
      this.failures++;
      this.pausedUntil = this.now() + pause;
      throw new SigningKeysUnavailableError(pause, error);
    }
  }
}

/** Key sets by metadata URL, made on first use: the shape of the SDK's own cache. */
class KeySetsByUrl extends Map<string, SigningKeySet> {
  constructor(private readonly timing: KeySetTiming) {
    super();
  }

  get(url: string): SigningKeySet {
    const known = super.get(url);
    if (known) return known;
    const made = new SigningKeySet(url, this.timing);
    super.set(url, made);
    return made;
  }
}

/**
 * Makes every token check in this process use the key sets above. The SDK has no option for its key
 * source; its extractors take theirs from one static cache by URL, so that cache is the one place to
 * put them. It is replaced once; later calls keep the first.
 */
export function useResilientSigningKeys(timing: KeySetTiming = KEY_SET_TIMING): void {
  const extractor = JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown };
  if (extractor.openIdMetadataCache instanceof KeySetsByUrl) return;
  // A private field: an SDK upgrade that renames or drops it must stop the bot, not quietly bring back the unbounded fetcher.
  if (!(extractor.openIdMetadataCache instanceof Map)) throw new Error('botframework-connector no longer keeps its signing keys in JwtTokenExtractor.openIdMetadataCache: check src/bot/auth/signingKeys.ts against this SDK version');
  extractor.openIdMetadataCache = new KeySetsByUrl(timing);
}
