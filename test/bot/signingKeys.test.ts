import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { useResilientSigningKeys } from '../../src/bot/auth/signingKeys';

/**
 * The bounded key fetcher sits in a private field of the SDK. These pin that field, so an SDK upgrade
 * that moves it fails here and at start-up instead of quietly bringing back the unbounded fetcher.
 */
const extractor = JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown };

describe('useResilientSigningKeys', () => {
  const original = extractor.openIdMetadataCache;
  afterEach(() => {
    extractor.openIdMetadataCache = original;
  });

  it("replaces the SDK's key cache once, keeping the first replacement", () => {
    expect(original).toBeInstanceOf(Map);
    useResilientSigningKeys();
    const replaced = extractor.openIdMetadataCache;
    expect(replaced).not.toBe(original);
    useResilientSigningKeys();
    expect(extractor.openIdMetadataCache).toBe(replaced);
  });

  it('stops with a line naming this file when the SDK no longer has that cache', () => {
    extractor.openIdMetadataCache = undefined;
    expect(() => useResilientSigningKeys()).toThrow(/openIdMetadataCache: check src\/bot\/auth\/signingKeys\.ts/);
  });
});
