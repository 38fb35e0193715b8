import { describe, expect, it } from '@jest/globals';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createLogger } from '../../src/ops/logger';
import { RenewedToken, TokenUnavailableError } from '../../src/ops/renewedToken';

/** The token cache and its renewal, against a scripted credential and clock. */

const MINUTE = 60_000;
const SCOPE = 'https://storage.azure.com/.default';

function scripted() {
  let now = 1_000_000;
  let issued = 0;
  let failing = false;
  const scopes: string[] = [];
  const logged: string[] = [];
  const credential: TokenCredential = {
    getToken: async (scope) => {
      scopes.push(String(scope));
      if (failing) throw new Error('identity endpoint answered 500');
      issued += 1;
      return { token: `token-${issued}`, expiresOnTimestamp: now + 60 * MINUTE } satisfies AccessToken;
    },
  };
  const log = createLogger('info', { write: (line: string) => void logged.push(line) });
  const token = new RenewedToken(credential, SCOPE, 'Blob storage', log, () => now);
  return {
    token,
    scopes,
    logged,
    advance: (ms: number) => (now += ms),
    fail: (value: boolean) => (failing = value),
    issued: () => issued,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A token had at start, then the identity endpoint down and the clock moved on by `laterMs`. */
async function downAfterStart(laterMs: number): Promise<ReturnType<typeof scripted>> {
  const t = scripted();
  await t.token.start();
  t.fail(true);
  t.advance(laterMs);
  return t;
}

describe('a renewed token', () => {
  it('is fetched once for its scope and served from memory until 5 minutes before it expires', async () => {
    const t = scripted();
    await t.token.start();
    t.advance(54 * MINUTE);
    expect(await t.token.get()).toBe('token-1');
    expect(t.scopes).toEqual([SCOPE]);
  });

  it('is renewed beside the requests once due: they go on with the held token, the next ones get the new one', async () => {
    const t = scripted();
    await t.token.start();
    t.advance(56 * MINUTE);
    expect(await t.token.get()).toBe('token-1');
    await settle();
    expect(t.issued()).toBe(2);
    expect(await t.token.get()).toBe('token-2');
  });

  it('a failed renewal is an error in the log without the token, check() rejects, the held token still serves; a later renewal clears it', async () => {
    const t = await downAfterStart(56 * MINUTE);
    expect(await t.token.get()).toBe('token-1');
    await settle();
    await expect(t.token.check()).rejects.toThrow(TokenUnavailableError);
    expect(t.logged.join('')).toMatch(/"level":"error".*no token for Blob storage: renewal failed/);
    expect(t.logged.join('')).not.toContain('token-1');

    // The probe does not wait for the next try: it says the last failure and tries again beside it.
    t.fail(false);
    t.advance(2_000);
    await expect(t.token.check()).rejects.toThrow(TokenUnavailableError);
    await settle();
    await expect(t.token.check()).resolves.toBeUndefined();
    expect(await t.token.get()).toBe('token-2');
  });

  it('once expired with the endpoint down, requests fail at once (a try a second at most), then recover', async () => {
    const t = await downAfterStart(61 * MINUTE);
    await expect(t.token.get()).rejects.toThrow(TokenUnavailableError);
    const tries = t.scopes.length;
    await expect(t.token.get()).rejects.toThrow(/identity endpoint answered 500/);
    expect(t.scopes.length).toBe(tries);
    t.fail(false);
    t.advance(1_000);
    expect(await t.token.get()).toBe('token-2');
  });

  it('a token that cannot be had at start rejects without logging (the caller says it in one line)', async () => {
    const t = scripted();
    t.fail(true);
    await expect(t.token.start()).rejects.toThrow('no token for Blob storage: Error: identity endpoint answered 500');
    expect(t.logged).toEqual([]);
  });
});
